namespace Verifier.Core.Identification.Hints;

/// <summary>
/// Caps Lock on a keyboard-wedge scanner inverts the case of every letter it types: "]d2"
/// arrives as "]D2", IFA data identifiers "9N", "1T", "S" as "9n", "1t", "s", and serials
/// (which are case-sensitive) silently change.
/// </summary>
internal static class CaseInversion
{
    public static void Find(string scan, ScanResult literal, List<ScanHint> hints)
    {
        var inverted = Invert(scan);
        if (inverted == scan)
        {
            return;
        }

        if (!literal.IsComplete)
        {
            if (ScanHints.Improves(literal, ScanParser.ParseLiteral(inverted)))
            {
                hints.Add(new ScanHint(
                    ScanHintCode.CapsLockInverted,
                    "upper and lower case look swapped (Caps Lock on while scanning?); with the case inverted the scan reads correctly",
                    inverted));
            }

            return;
        }

        // A complete GS1 scan has only digits in its structure, so Caps Lock cannot break it;
        // it shows only in the letters of serial and batch. Serials are mostly upper case, so
        // letters that are all lower case are suspicious. A symbology identifier with the right
        // case ("]d2") proves Caps Lock was off.
        if (literal.SymbologyIdentifier is null && literal.Format is ScanFormat.Gs1ElementString or ScanFormat.Gs1Hri)
        {
            var letters = (literal.SerialNumber + literal.Batch).Where(char.IsAsciiLetter).ToList();
            if (letters.Count > 0 && letters.All(char.IsAsciiLetterLower))
            {
                hints.Add(new ScanHint(
                    ScanHintCode.CapsLockInverted,
                    "serial number and batch contain only lower-case letters; if the pack is not found, Caps Lock may have inverted them",
                    inverted));
            }
        }
    }

    internal static string Invert(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = char.IsAsciiLetterUpper(c) ? char.ToLowerInvariant(c)
                : char.IsAsciiLetterLower(c) ? char.ToUpperInvariant(c)
                : c;
        }
    });
}
