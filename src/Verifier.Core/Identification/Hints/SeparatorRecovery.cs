using Verifier.Core.Identification.Iso15434;
using Verifier.Core.Identification.Parsing;

namespace Verifier.Core.Identification.Hints;

/// <summary>
/// When a GS separator is lost, a variable-length value runs on into the next element: batch
/// "LOT42" followed by serial "ABC123" arrives as batch "LOT4221ABC123". The value is split
/// where a missing unique-identifier element would start, keeping the split only if the rest
/// then reads cleanly.
/// </summary>
internal static class SeparatorRecovery
{
    // No AI value exceeds 90 characters; longer runs are not a lost separator but garbage.
    private const int LongestSwallowingValue = 120;

    public static void Find(string scan, ScanResult literal, List<ScanHint> hints)
    {
        if (literal.IsComplete || literal.Format is not (ScanFormat.Gs1ElementString or ScanFormat.Iso15434Format05 or ScanFormat.Iso15434Format06))
        {
            return;
        }

        var present = literal.Elements.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var fields = ScanHints.FieldCount(literal);
        foreach (var element in literal.Elements)
        {
            if (element.Value.Length > LongestSwallowingValue || !CanSwallow(literal.Format, element))
            {
                continue;
            }

            var valueStart = element.Position + element.Key.Length;
            (string Reading, ScanResult Result, int Split, string Key)? best = null;
            for (var split = 1; split < element.Value.Length - 1; split++)
            {
                var key = StartsUniqueIdentifierElement(literal.Format, element.Value, split);
                if (key is null || present.Contains(key))
                {
                    continue;
                }

                var reading = scan.Insert(valueStart + split, ControlCharacters.GroupSeparator.ToString());
                var result = ScanParser.ParseLiteral(reading);
                if (ScanHints.HasFaults(result) || ScanHints.FieldCount(result) <= fields)
                {
                    continue;
                }

                if (best is null || ScanHints.FieldCount(result) > ScanHints.FieldCount(best.Value.Result))
                {
                    best = (reading, result, split, key);
                }
            }

            if (best is { } found)
            {
                var kept = element.Value[..found.Split];
                var moved = element.Value[found.Split..];
                hints.Add(new ScanHint(
                    ScanHintCode.MissingGroupSeparator,
                    $"({element.Key}) '{element.Value}' seems to contain ({found.Key}): a GS separator after '{kept}' was probably lost; read as ({element.Key}) '{kept}' and '{moved}'",
                    found.Reading));
            }
        }
    }

    private static bool CanSwallow(ScanFormat format, ScanElement element)
    {
        if (format == ScanFormat.Iso15434Format06)
        {
            return true;
        }

        // Predefined-length AIs end by length, so only variable-length values can run on.
        return Gs1ApplicationIdentifiers.Find(element.Key) is { HasPredefinedLength: false };
    }

    private static string? StartsUniqueIdentifierElement(ScanFormat format, string value, int at)
    {
        if (format == ScanFormat.Iso15434Format06)
        {
            var length = DataIdentifiers.Measure(value.AsSpan(at));
            var di = length == 0 ? null : value.Substring(at, length);
            return di is not null && DataIdentifiers.IsFmd(di) ? di : null;
        }

        var ai = Gs1ApplicationIdentifiers.MatchAt(value, at, value.Length);
        return ai is { IsFmdElement: true } ? ai.Ai : null;
    }
}
