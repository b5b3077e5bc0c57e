using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Verifier.Cli.Generate;

/// <summary>
/// Random characters for serials and batches. Without a seed: the operating system's CSPRNG.
/// With a seed: AES-256 in counter mode keyed by SHA-256(seed), a cryptographic generator that is
/// reproducible. Characters come by rejection sampling, so all 36 are equally likely.
/// </summary>
internal sealed class SerialRandom : IDisposable
{
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    // The largest multiple of 36 below 256: bytes at or above it are discarded, which removes the modulo bias.
    private const int Unbiased = 252;

    private readonly Aes? _aes;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private ulong _counter;
    private int _position;

    public SerialRandom(string? seed)
    {
        if (seed is not null)
        {
            _aes = Aes.Create();
            _aes.Key = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        }
        _position = _buffer.Length;
    }

    public string Next(int length)
    {
        return string.Create(length, this, static (text, random) =>
        {
            for (var i = 0; i < text.Length; i++) text[i] = random.NextChar();
        });
    }

    public int NextInt(int exclusiveMax)
    {
        var value = BinaryPrimitives.ReadUInt32LittleEndian([NextByte(), NextByte(), NextByte(), NextByte()]);
        return (int)(value % (uint)exclusiveMax);
    }

    private char NextChar()
    {
        while (true)
        {
            var b = NextByte();
            if (b < Unbiased) return Alphabet[b % Alphabet.Length];
        }
    }

    private byte NextByte()
    {
        if (_position == _buffer.Length) Refill();
        return _buffer[_position++];
    }

    private void Refill()
    {
        if (_aes is null)
        {
            RandomNumberGenerator.Fill(_buffer);
        }
        else
        {
            for (var offset = 0; offset < _buffer.Length; offset += 16)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(offset), _counter++);
                BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(offset + 8), 0);
            }
            _aes.EncryptEcb(_buffer, _buffer, PaddingMode.None);
        }
        _position = 0;
    }

    public void Dispose() => _aes?.Dispose();
}
