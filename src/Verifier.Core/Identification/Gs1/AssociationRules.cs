using Verifier.Core.Identification.Parsing;

namespace Verifier.Core.Identification.Gs1;

/// <summary>
/// The GS1 rules on AI combinations (GS1 General Specifications 4.14, syntax dictionary
/// attributes): no conflicting repeats, no mutually exclusive pairs, all requisite AIs present,
/// and a digital signature only with a serialised key.
/// </summary>
internal static class AssociationRules
{
    public static void Check(ScanReading reading, bool repeatsAlreadyChecked)
    {
        var present = reading.Elements
            .Select(e => (Element: e, Ai: Gs1ApplicationIdentifiers.Find(e.Key)))
            .Where(x => x.Ai is not null)
            .ToList();
        // Unknown AIs (from HRI, where brackets delimit them) still take part in the rules.
        var keys = reading.Elements.Select(e => e.Key).Distinct(StringComparer.Ordinal).ToList();

        if (!repeatsAlreadyChecked)
        {
            CheckRepeats(reading, reading.Elements);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var conflicts = new HashSet<(string, string)>();
        foreach (var (element, ai) in present)
        {
            if (!seen.Add(element.Key))
            {
                continue;
            }

            foreach (var pattern in ai!.Exclusions)
            {
                // An AI never excludes itself, even when it matches the pattern (e.g. 3940 and 394n).
                foreach (var other in keys.Where(k => k != element.Key && AiSpecification.Matches(pattern, k)))
                {
                    var pair = string.CompareOrdinal(element.Key, other) < 0 ? (element.Key, other) : (other, element.Key);
                    if (conflicts.Add(pair))
                    {
                        reading.AddProblem(ScanProblemCode.ConflictingAis, element.Position, $"({element.Key}) may not be used together with ({other})");
                    }
                }
            }

            foreach (var rule in ai.Requisites)
            {
                if (!rule.Any(alternative => alternative.All(pattern => keys.Exists(k => AiSpecification.Matches(pattern, k)))))
                {
                    var options = string.Join(" or ", rule.Select(a => string.Join("+", a.Select(x => $"({x})"))));
                    reading.AddProblem(ScanProblemCode.RequisiteAiMissing, element.Position, $"({element.Key}) requires {options}");
                }
            }
        }

        CheckSignature(reading, present);
    }

    private static void CheckRepeats(ScanReading reading, IEnumerable<ScanElement> elements)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            if (!first.TryAdd(element.Key, element.Value) && first[element.Key] != element.Value)
            {
                reading.AddProblem(ScanProblemCode.DuplicateAi, element.Position, $"({element.Key}) occurs again with a different value");
            }
        }
    }

    /// <summary>AI 8030 signs a key; keys with an optional serial component must carry it (GS1 General Specifications 3.9.14).</summary>
    private static void CheckSignature(ScanReading reading, List<(ScanElement Element, Gs1ApplicationIdentifier? Ai)> present)
    {
        var signature = present.Find(x => x.Element.Key == "8030");
        if (signature.Ai is null)
        {
            return;
        }

        foreach (var (element, ai) in present)
        {
            var unserialised = element.Key switch
            {
                "253" or "255" => element.Value.Length <= 13,
                "8003" => element.Value.Length <= 14,
                _ => false,
            };
            if (unserialised)
            {
                reading.AddProblem(
                    ScanProblemCode.SignatureNeedsSerialisedKey,
                    element.Position,
                    $"({ai!.Ai}) carries no serial component, so the digital signature (8030) cannot be used with it");
            }
        }
    }
}
