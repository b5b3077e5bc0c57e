using System.Text;

namespace Verifier.Core.Identification.Hints;

/// <summary>
/// People typing a code from the pack confuse look-alike characters (O/0, I/l/1, E/3, S/5, B/8)
/// and copy the spaces of the printed text. Only places that must be digits are repaired:
/// AIs in HRI brackets and values whose format is numeric.
/// </summary>
internal static class ManualEntry
{
    public static void Find(string scan, ScanResult literal, List<ScanHint> hints)
    {
        if (literal.IsComplete)
        {
            return;
        }

        var repaired = literal.Format == ScanFormat.Gs1Hri ? RepairHriStructure(scan) : scan;
        var reread = repaired == scan ? literal : ScanParser.ParseLiteral(repaired);
        repaired = RepairNumericValues(repaired, reread);
        if (repaired != scan && ScanHints.Improves(literal, ScanParser.ParseLiteral(repaired)))
        {
            hints.Add(new ScanHint(
                ScanHintCode.ManualEntryConfusion,
                "looks typed by hand with look-alike characters (O for 0, l or I for 1, E for 3 ...) or extra spaces in numeric places",
                repaired));
        }
    }

    private static char Digit(char c) => c switch
    {
        'O' or 'o' => '0',
        'I' or 'l' or 'i' or '|' => '1',
        'E' => '3',
        'S' or 's' => '5',
        'B' => '8',
        _ => c,
    };

    /// <summary>Digits inside brackets, no spaces around them: "( O1 ) 0415..." → "(01)0415...".</summary>
    private static string RepairHriStructure(string scan)
    {
        var builder = new StringBuilder(scan.Length);
        var inside = false;
        for (var i = 0; i < scan.Length; i++)
        {
            var c = scan[i];
            if (c == ' ' && (inside || NextNonSpace(scan, i) is '(' or -1 || PreviousNonSpace(builder) == ')'))
            {
                continue;
            }

            inside = c == '(' || (inside && c != ')');
            builder.Append(inside && c != '(' ? Digit(c) : c);
        }

        return builder.ToString();
    }

    private static string RepairNumericValues(string scan, ScanResult reading)
    {
        var chars = scan.ToCharArray();
        foreach (var element in reading.Elements)
        {
            if (!IsNumeric(reading.Format, element.Key))
            {
                continue;
            }

            var valueStart = reading.Format == ScanFormat.Gs1Hri
                ? scan.IndexOf(')', element.Position) + 1
                : element.Position + element.Key.Length;
            for (var i = valueStart; i < valueStart + element.Value.Length && i < chars.Length; i++)
            {
                chars[i] = Digit(chars[i]);
            }
        }

        var repaired = new string(chars);

        // Spaces copied from print inside numeric values are dropped only in HRI, where they cannot be separators.
        return reading.Format == ScanFormat.Gs1Hri ? RemoveSpacesInNumericValues(repaired, reading) : repaired;
    }

    private static string RemoveSpacesInNumericValues(string scan, ScanResult reading)
    {
        var drop = new HashSet<int>();
        foreach (var element in reading.Elements.Where(e => IsNumeric(reading.Format, e.Key)))
        {
            var valueStart = scan.IndexOf(')', element.Position) + 1;
            for (var i = valueStart; i < valueStart + element.Value.Length && i < scan.Length; i++)
            {
                if (scan[i] == ' ')
                {
                    drop.Add(i);
                }
            }
        }

        return drop.Count == 0 ? scan : new string(scan.Where((_, i) => !drop.Contains(i)).ToArray());
    }

    private static bool IsNumeric(ScanFormat format, string key) => format == ScanFormat.Iso15434Format06
        ? key is "9N" or "8P" or "D" or "16D"
        : Gs1ApplicationIdentifiers.Find(key) is { } ai && ai.Components.All(c => c.CharacterSet == Gs1CharacterSet.Numeric);

    private static int NextNonSpace(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] != ' ')
            {
                return text[i];
            }
        }

        return -1;
    }

    private static int PreviousNonSpace(StringBuilder builder) => builder.Length == 0 ? -1 : builder[^1];
}
