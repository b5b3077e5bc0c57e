using System.Globalization;

namespace Verifier.Core.Identification.Gs1;

/// <summary>Turns the syntax-dictionary notation of <see cref="AiTable"/> into definitions.</summary>
internal static class AiSpecification
{
    public static Dictionary<string, Gs1ApplicationIdentifier> Build(IEnumerable<AiTableEntry> entries)
    {
        var result = new Dictionary<string, Gs1ApplicationIdentifier>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var components = entry.Specification
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(ParseComponent)
                .ToArray();
            var (requisites, exclusions, qualifiers) = ParseAttributes(entry.Attributes);
            foreach (var ai in ExpandRange(entry.Ais))
            {
                result.Add(ai, new Gs1ApplicationIdentifier(
                    ai,
                    entry.Title,
                    hasPredefinedLength: entry.Flags.Contains('*', StringComparison.Ordinal),
                    isDigitalLinkAttribute: entry.Flags.Contains('?', StringComparison.Ordinal),
                    components,
                    requisites,
                    exclusions,
                    qualifiers));
            }
        }

        return result;
    }

    /// <summary>"3100-3105" → 3100 ... 3105; a single AI stays as it is.</summary>
    internal static IEnumerable<string> ExpandRange(string ais)
    {
        var dash = ais.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            yield return ais;
            yield break;
        }

        var first = int.Parse(ais[..dash], CultureInfo.InvariantCulture);
        var last = int.Parse(ais[(dash + 1)..], CultureInfo.InvariantCulture);
        for (var ai = first; ai <= last; ai++)
        {
            yield return ai.ToString(CultureInfo.InvariantCulture).PadLeft(dash, '0');
        }
    }

    /// <summary>"N14,csum,gcppos2", "X..20", "[N3],iso3166", "[X1],hyphen", "N..12".</summary>
    internal static Gs1Component ParseComponent(string text)
    {
        var parts = text.Split(',');
        var type = parts[0];
        var optional = type.StartsWith('[');
        type = type.Trim('[', ']');
        var set = type[0] switch
        {
            'N' => Gs1CharacterSet.Numeric,
            'X' => Gs1CharacterSet.Cset82,
            'Y' => Gs1CharacterSet.Cset39,
            'Z' => Gs1CharacterSet.Cset64,
            _ => throw new FormatException($"Unknown component type in '{text}'."),
        };
        var lengths = type[1..];
        int min, max;
        var range = lengths.IndexOf("..", StringComparison.Ordinal);
        if (range < 0)
        {
            min = max = int.Parse(lengths, CultureInfo.InvariantCulture);
        }
        else
        {
            // "N..20" means 1 to 20; an explicit minimum ("X0..16") is honoured.
            min = range == 0 ? 1 : int.Parse(lengths[..range], CultureInfo.InvariantCulture);
            max = int.Parse(lengths[(range + 2)..], CultureInfo.InvariantCulture);
        }

        return new Gs1Component(set, min, max, optional, parts[1..]);
    }

    private static (IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Requisites, IReadOnlyList<string> Exclusions, IReadOnlyList<IReadOnlyList<string>>? Qualifiers)
        ParseAttributes(string attributes)
    {
        var requisites = new List<IReadOnlyList<IReadOnlyList<string>>>();
        var exclusions = new List<string>();
        List<IReadOnlyList<string>>? qualifiers = null;
        foreach (var attribute in attributes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (attribute.StartsWith("req=", StringComparison.Ordinal))
            {
                requisites.Add(attribute[4..].Split(',').Select(alternative => (IReadOnlyList<string>)alternative.Split('+')).ToArray());
            }
            else if (attribute.StartsWith("ex=", StringComparison.Ordinal))
            {
                exclusions.AddRange(attribute[3..].Split(','));
            }
            else if (attribute == "dlpkey")
            {
                qualifiers = [[]];
            }
            else if (attribute.StartsWith("dlpkey=", StringComparison.Ordinal))
            {
                qualifiers = attribute[7..].Split('|').Select(sequence => (IReadOnlyList<string>)sequence.Split(',')).ToList();
            }
        }

        return (requisites, exclusions, qualifiers);
    }

    /// <summary>Whether <paramref name="ai"/> matches an attribute pattern such as "31nn" ('n' = any digit).</summary>
    internal static bool Matches(string pattern, string ai)
    {
        if (pattern.Length != ai.Length)
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != ai[i] && !(pattern[i] == 'n' && char.IsAsciiDigit(ai[i])))
            {
                return false;
            }
        }

        return true;
    }
}
