using Verifier.Core.Identification.Parsing;

namespace Verifier.Core.Identification.Hints;

/// <summary>
/// Keyboard-wedge scanners type keys, not characters: configured for one layout and plugged
/// into a host with another, Y and Z trade places and punctuation such as '(' ')' ']' comes out
/// as other characters. Only digits, most letters and space are safe. The separator GS is
/// typed as Ctrl+] and may arrive as some other character or not at all.
/// </summary>
internal static class KeyboardLayouts
{
    private static readonly (KeyboardLayout Scanner, KeyboardLayout Host, IReadOnlyDictionary<char, char> Map)[] Mismatches =
    [
        Mismatch(KeyboardLayout.Us, KeyboardLayout.German),
        Mismatch(KeyboardLayout.German, KeyboardLayout.Us),
        Mismatch(KeyboardLayout.Us, KeyboardLayout.French),
        Mismatch(KeyboardLayout.French, KeyboardLayout.Us),
    ];

    // Printable stand-ins for GS seen from scanner configurations and layout mismatches.
    private static readonly string[] GroupSeparatorStandIns = ["<GS>", "<gs>", "{GS}", "[GS]", "^", "~", "|", "@", "#", "$", "`", "´", "§", "°", "µ", "ü", "Ü", "+"];

    public static void Find(string scan, ScanResult literal, List<ScanHint> hints)
    {
        if (literal.IsComplete)
        {
            return;
        }

        foreach (var (scanner, host, map) in Mismatches)
        {
            var recovered = Recover(scan, map);
            if (recovered != scan && ScanHints.Improves(literal, ScanParser.ParseLiteral(recovered)))
            {
                hints.Add(new ScanHint(
                    ScanHintCode.KeyboardLayoutSwap,
                    $"looks like a scanner set to a {scanner.Name} keyboard typing into a {host.Name} keyboard layout (Y/Z and punctuation swapped)",
                    recovered));
                return;
            }
        }

        if (scan.Contains(ControlCharacters.GroupSeparator, StringComparison.Ordinal))
        {
            return;
        }

        foreach (var standIn in GroupSeparatorStandIns)
        {
            if (!scan.Contains(standIn, StringComparison.Ordinal))
            {
                continue;
            }

            var replaced = scan.Replace(standIn, ControlCharacters.GroupSeparator.ToString(), StringComparison.Ordinal);
            if (ScanParser.ParseLiteral(replaced).IsComplete)
            {
                hints.Add(new ScanHint(
                    ScanHintCode.KeyboardLayoutSwap,
                    $"'{standIn}' appears where the GS separator belongs; the scanner or keyboard layout seems to send it instead of GS",
                    replaced));
                return;
            }
        }
    }

    internal static string Recover(string scan, IReadOnlyDictionary<char, char> map) =>
        string.Create(scan.Length, (scan, map), static (span, state) =>
        {
            for (var i = 0; i < state.scan.Length; i++)
            {
                span[i] = state.map.TryGetValue(state.scan[i], out var meant) ? meant : state.scan[i];
            }
        });

    private static (KeyboardLayout, KeyboardLayout, IReadOnlyDictionary<char, char>) Mismatch(KeyboardLayout scanner, KeyboardLayout host) =>
        (scanner, host, KeyboardLayout.Recovery(scanner, host));
}
