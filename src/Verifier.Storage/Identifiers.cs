using System.Security.Cryptography;

namespace Verifier.Storage;

/// <summary>
/// Server-made ids: a millisecond timestamp then 80 random bits, Crockford base32 (as ULIDs), so
/// they sort by time (alert paging relies on it) and cannot be guessed.
/// </summary>
public static class Identifiers
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewSystemTransactionId(DateTimeOffset at) => "TX-" + Ulid(at);

    public static string NewAlertId(DateTimeOffset at) => "ALT-" + Ulid(at);

    public static string NewBulkJobId(DateTimeOffset at) => "JOB-" + Ulid(at);

    private static string Ulid(DateTimeOffset at)
    {
        Span<char> text = stackalloc char[26];
        var time = (ulong)at.ToUnixTimeMilliseconds();
        for (var i = 9; i >= 0; i--, time >>= 5) text[i] = Alphabet[(int)(time & 31)];
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        for (var i = 10; i < 26; i++) text[i] = Alphabet[random[i - 10] & 31];
        return new string(text);
    }
}
