using System.Text;

namespace Verifier.Cli.Parsing;

/// <summary>
/// Reads standard input as UTF-8, never trusting its size or encoding: invalid bytes become
/// U+FFFD (which the parser reports as an encoding error) and reading stops at a limit.
/// </summary>
internal sealed class StandardInput : IDisposable
{
    // A scan is read whole, but endless input (a pipe from /dev/zero) must not exhaust memory.
    public const int MaxScanInput = 16 * 1024 * 1024;

    // One JSON line holds one scan; anything longer is refused line by line.
    public const int MaxLineLength = 1024 * 1024;

    private readonly StreamReader _reader;

    public StandardInput(Stream stream)
    {
        _reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
    }

    /// <summary>The whole input with one trailing line break removed; Truncated when the limit was hit.</summary>
    public (string Text, bool Truncated) ReadScan()
    {
        var buffer = new char[81920];
        var builder = new StringBuilder();
        int read;
        while ((read = _reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            builder.Append(buffer, 0, read);
            if (builder.Length > MaxScanInput)
            {
                return (builder.ToString(0, MaxScanInput), true);
            }
        }

        var text = builder.ToString();
        if (text.EndsWith("\r\n", StringComparison.Ordinal))
        {
            text = text[..^2];
        }
        else if (text.EndsWith('\n'))
        {
            text = text[..^1];
        }

        return (text, false);
    }

    /// <summary>The next line without its line break, or null at the end of input.</summary>
    public InputLine? ReadLine()
    {
        var builder = new StringBuilder();
        var tooLong = false;
        var any = false;
        int c;
        while ((c = _reader.Read()) >= 0)
        {
            any = true;
            if (c == '\n')
            {
                return new InputLine(TrimCarriageReturn(builder), tooLong);
            }

            // Past the limit the rest of the line is consumed but not kept.
            if (builder.Length < MaxLineLength)
            {
                builder.Append((char)c);
            }
            else
            {
                tooLong = true;
            }
        }

        return any ? new InputLine(TrimCarriageReturn(builder), tooLong) : null;
    }

    public void Dispose() => _reader.Dispose();

    private static string TrimCarriageReturn(StringBuilder builder)
    {
        if (builder.Length > 0 && builder[^1] == '\r')
        {
            builder.Length--;
        }

        return builder.ToString();
    }
}

/// <summary>One line of input; <see cref="TooLong"/> lines were cut at <see cref="StandardInput.MaxLineLength"/>.</summary>
internal sealed record InputLine(string Text, bool TooLong);
