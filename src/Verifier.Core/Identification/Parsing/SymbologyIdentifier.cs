namespace Verifier.Core.Identification.Parsing;

/// <summary>What an AIM symbology identifier says about the data that follows.</summary>
internal enum SymbologyData
{
    /// <summary>GS1 AI data (FNC1 in first position): ]d2, ]C1, ]Q3, ]J1, ]e0.</summary>
    Gs1,

    /// <summary>EAN/UPC (]E0 EAN-13/UPC-A, ]E4 EAN-8 ...): a GTIN only, possibly with a composite part.</summary>
    EanUpc,

    /// <summary>Any other known symbology or mode: plain data, which may be an ISO/IEC 15434 message or a URI.</summary>
    Plain,
}

/// <summary>
/// AIM symbology identifiers (ISO/IEC 15424): ']' + symbology letter + modifier character,
/// prefixed by scanners that are configured to transmit them.
/// </summary>
internal static class SymbologyIdentifier
{
    public const int Length = 3;

    // Symbology letters assigned by AIM (ISO/IEC 15424 table 1).
    private const string Letters = "ABCDEFGHIJKLMNOPQRSTUXYZcdeghopqsxz";

    private static readonly string[] Gs1Identifiers = ["]d2", "]C1", "]Q3", "]J1", "]e0"];

    /// <summary>
    /// Reads the identifier at the start of <paramref name="text"/> (which starts with ']').
    /// Modifiers are a digit or A-F (hexadecimal option values), which rejects e.g. "]XX".
    /// </summary>
    /// <remarks>The identifier is usually <see cref="Length"/> characters long; see <c>identifier.Length</c>.</remarks>
    public static bool TryRead(string text, int end, out string identifier, out SymbologyData data)
    {
        identifier = string.Empty;
        data = SymbologyData.Plain;
        if (end < Length || !Letters.Contains(text[1], StringComparison.Ordinal)
            || !(char.IsAsciiDigit(text[2]) || text[2] is >= 'A' and <= 'F'))
        {
            return false;
        }

        // "System expansion" (]Y) carries as many further identifier characters as its modifier digit says.
        var length = text[1] == 'Y' && char.IsAsciiDigit(text[2]) ? Math.Min(end, Length + (text[2] - '0')) : Length;
        identifier = text[..length];
        data = Gs1Identifiers.Contains(identifier, StringComparer.Ordinal) ? SymbologyData.Gs1
            : text[1] == 'E' ? SymbologyData.EanUpc
            : SymbologyData.Plain;
        return true;
    }
}
