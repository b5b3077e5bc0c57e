using Verifier.Core.Identification.Iso15434;
using Verifier.Core.Identification.Parsing;

namespace Verifier.Core.Identification.Hints;

/// <summary>
/// When a GS separator is lost, a variable-length value runs on into the next element: batch
/// "LOT42" followed by serial "ABC123" arrives as batch "LOT4221ABC123". Values are split where
/// a missing unique-identifier element would start, one separator at a time, keeping the result
/// only if it then reads cleanly. Scanners that drop GS usually drop every GS, so up to
/// <see cref="MaxLostSeparators"/> are restored.
/// </summary>
internal static class SeparatorRecovery
{
    private const int MaxLostSeparators = 3;

    // No AI value exceeds 90 characters; longer runs are not a lost separator but garbage.
    private const int LongestSwallowingValue = 120;

    // A unique identifier with all optional AIs stays far below this; the search re-parses the
    // scan once per candidate split, so longer input is not worth the work.
    private const int LongestRecoverableScan = 512;

    public static void Find(string scan, ScanResult literal, List<ScanHint> hints)
    {
        if (literal.IsComplete || scan.Length > LongestRecoverableScan || literal.Format is not (ScanFormat.Gs1ElementString or ScanFormat.Iso15434Format05 or ScanFormat.Iso15434Format06))
        {
            return;
        }

        var splits = new List<(ScanElement Element, int At, string Key)>();
        var reading = scan;
        var result = literal;
        ScanHint? hint = null;

        // Keep splitting while elements are gained: "LOT42D271231SABC123" is a valid batch on its
        // own, yet the reading with a separate expiry and serial is the one to suggest.
        while (splits.Count < MaxLostSeparators && BestSplit(reading, result) is { } next)
        {
            splits.Add((next.Element, next.At, next.Key));
            (reading, result) = (next.Reading, next.Result);
            if (!ScanHints.HasFaults(result))
            {
                hint = new ScanHint(ScanHintCode.MissingGroupSeparator, Describe(splits, result), reading);
            }
        }

        if (hint is not null)
        {
            hints.Add(hint);
        }
    }

    /// <summary>The single inserted GS that yields the most UI elements, then the fewest faults.</summary>
    private static (string Reading, ScanResult Result, ScanElement Element, int At, string Key)? BestSplit(string scan, ScanResult current)
    {
        var present = current.Elements.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var fields = ScanHints.FieldCount(current);
        (string Reading, ScanResult Result, ScanElement Element, int At, string Key)? best = null;
        foreach (var element in current.Elements)
        {
            if (element.Value.Length > LongestSwallowingValue || !CanSwallow(current.Format, element))
            {
                continue;
            }

            var valueStart = element.Position + element.Key.Length;
            for (var at = 1; at < element.Value.Length - 1; at++)
            {
                var key = StartsUniqueIdentifierElement(current.Format, element.Value, at);
                if (key is null || present.Contains(key))
                {
                    continue;
                }

                var reading = scan.Insert(valueStart + at, ControlCharacters.GroupSeparator.ToString());
                var result = ScanParser.ParseLiteral(reading);
                if (ScanHints.FieldCount(result) <= fields)
                {
                    continue;
                }

                if (best is null || Better(result, best.Value.Result))
                {
                    best = (reading, result, element, at, key);
                }
            }
        }

        return best;
    }

    private static bool Better(ScanResult candidate, ScanResult incumbent)
    {
        var fields = ScanHints.FieldCount(candidate).CompareTo(ScanHints.FieldCount(incumbent));
        return fields > 0 || (fields == 0 && Faults(candidate) < Faults(incumbent));
    }

    private static int Faults(ScanResult result) =>
        result.Problems.Count(p => p.Category is ScanProblemCategory.Input or ScanProblemCategory.Syntax or ScanProblemCategory.Content);

    private static string Describe(List<(ScanElement Element, int At, string Key)> splits, ScanResult repaired)
    {
        if (splits.Count == 1)
        {
            var (element, at, key) = splits[0];
            return $"({element.Key}) '{element.Value}' seems to contain ({key}): a GS separator after '{element.Value[..at]}' was probably lost; read as ({element.Key}) '{element.Value[..at]}' and '{element.Value[at..]}'";
        }

        var reading = string.Join(", ", repaired.Elements.Where(e => e.KnownToFmd).Select(e => $"({e.Key}) '{e.Value}'"));
        return $"{splits.Count} GS separators seem lost; with them restored the scan reads {reading}";
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
