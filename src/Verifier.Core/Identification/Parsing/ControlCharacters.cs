namespace Verifier.Core.Identification.Parsing;

/// <summary>The ASCII control characters that structure scans.</summary>
internal static class ControlCharacters
{
    /// <summary>Group separator: FNC1 as transmitted by scanners; separates ISO/IEC 15434 fields.</summary>
    public const char GroupSeparator = '\u001D';

    /// <summary>Record separator: ends the header and each format of an ISO/IEC 15434 message.</summary>
    public const char RecordSeparator = '\u001E';

    /// <summary>End of transmission: closes an ISO/IEC 15434 message.</summary>
    public const char EndOfTransmission = '\u0004';

    /// <summary>How a character is shown in messages: printable ASCII as itself, the rest by name.</summary>
    public static string Name(char c) => c switch
    {
        GroupSeparator => "GS",
        RecordSeparator => "RS",
        EndOfTransmission => "EOT",
        '\0' => "NUL",
        '\r' => "CR",
        '\n' => "LF",
        '\t' => "TAB",
        _ when c is >= ' ' and <= '~' => $"'{c}'",
        _ => $"U+{(int)c:X4}",
    };
}
