using System.Globalization;
using System.Text.Json;
using Verifier.Core.Identification;
using Verifier.Core.Identification.Gs1.Linting;

namespace Verifier.Core.Tests.Identification.Conformance;

/// <summary>
/// Decides per corpus record whether the parser agrees with the reference. How each kind is
/// mapped onto <see cref="ScanParser"/> is explained at each case; where the two sources of the
/// corpus disagree the GS1 reference engine wins (corpus README), see <see cref="EngineOverrides"/>.
/// </summary>
internal static class ConformanceJudge
{
    private const char Gs = '\u001D';

    // biip derives two-digit years with today's date; the corpus was taken in 2026.
    private const int BiipReferenceYear = 2026;

    private static readonly string[] FmdAis = ["01", "10", "17", "21"];

    public static bool IsFmdRelevant(ConformanceRecord record)
    {
        if (record.Json.TryGetProperty("fmd_relevant", out var flag) && flag.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return flag.GetBoolean();
        }

        // The corpus README promises this flag; derive it the same way when it is absent.
        var ais = new HashSet<string>(record.Fields?.Keys ?? Enumerable.Empty<string>(), StringComparer.Ordinal);
        var input = record.Input;
        if (record.Kind == "bracketed")
        {
            ais.UnionWith(System.Text.RegularExpressions.Regex.Matches(input, @"\((\d+)\)").Select(m => m.Groups[1].Value));
        }
        else if (record.Kind == "dl_uri")
        {
            ais.UnionWith(System.Text.RegularExpressions.Regex.Matches(input, @"[/?&](\d{2,4})[/=]").Select(m => m.Groups[1].Value));
        }

        return ais.Any(ai => FmdAis.Contains(ai) || (ai.Length == 3 && ai.StartsWith("71", StringComparison.Ordinal)));
    }

    public static Verdict Judge(ConformanceRecord record)
    {
        if (EngineOverrides.TryGetValue((record.Kind, record.Input), out var engineSays))
        {
            return JudgeScan(record, Prepare(record), expectValid: engineSays, checkFields: false, Faults.ParseAndLint);
        }

        return record.Kind switch
        {
            "element_string" => JudgeScan(record, Prepare(record), record.Valid, checkFields: true, Faults.ParseAndLint, ScanFormat.Gs1ElementString),
            "element_string_no_leading_fnc1" => JudgeScan(record, Prepare(record), record.Valid, checkFields: true, Faults.ParseAndLint),
            "scan_data" => JudgeScan(record, record.Input, record.Valid, checkFields: true, Faults.ParseAndLint),
            "bracketed" => JudgeBracketed(record),
            "dl_uri" => JudgeDigitalLink(record),
            "component" => JudgeComponent(record),
            "single_element_string" => JudgeSingleElement(record),
            "auto_detect (biip.parse)" => JudgeAutoDetect(record),
            "check_digit_payload" => JudgeCheckDigit(record),
            "symbology_identifier" => Verdict.Expect(
                ScanParser.Parse(record.Input).SymbologyIdentifier == record.String("expected_symbology_identifier"),
                $"symbology identifier {ScanParser.Parse(record.Input).SymbologyIdentifier ?? "none"}, expected {record.String("expected_symbology_identifier")}"),
            "generate_scan_data" => Verdict.NotApplicable("generating scan data is the inverse direction; the Verifier only reads"),
            _ => Verdict.NotApplicable($"unknown kind {record.Kind}"),
        };
    }

    /// <summary>
    /// Records on which biip (valid) and the GS1 engine (invalid) disagree; the engine is the
    /// reference: it rejects doubled separators and wrong check digits (biip only reports those
    /// as nested errors of an otherwise valid message).
    /// </summary>
    private static readonly Dictionary<(string Kind, string Input), bool> EngineOverrides = new()
    {
        [("element_string_no_leading_fnc1", "0107032069804988100329\u001d\u001d15210526")] = false,
        [("element_string_no_leading_fnc1", "800307071324001022085952")] = false,
        [("single_element_string", "800307071324001022085952")] = false,

        // The engine's hhmi linter rejects hour 99 (biip reads 9999 as "no time").
        [("single_element_string", "43240701029999")] = false,
        [("single_element_string", "43250701029999")] = false,

        // 261 is no ISO 3166 country; the engine's iso3166 linter rejects it (see its component records).
        [("auto_detect (biip.parse)", "425261")] = false,

        // ]Q3 announces GS1 element-string data, which a URI is not; the engine's scan_data records
        // read URIs only under ]Q1, and it rejects the zero-suppressed GTIN-12 by default (dl_uri records).
        [("auto_detect (biip.parse)", "]Q3https://example.com/01/614141123452/10/ABC123?15=250330")] = false,
    };

    [Flags]
    private enum Faults
    {
        Parse = 1,
        ParseAndLint = 3,
    }

    /// <summary>The corpus' notation for element strings mapped to what a scanner transmits.</summary>
    private static string Prepare(ConformanceRecord record)
    {
        var input = record.Input;
        if (record.Kind == "element_string")
        {
            // '^' = FNC1. FNC1 in first position is how a symbol declares GS1 data; scanners
            // transmit that as the symbology identifier (]d2), further FNC1s as GS. Without it the
            // data is plain, which is a DataMatrix read as ]d1.
            return input.StartsWith('^') ? "]d2" + input[1..].Replace('^', Gs) : "]d1" + input;
        }

        if (record.Json.TryGetProperty("separator_chars", out var separators))
        {
            // biip's configurable separators stand for GS; the harness maps them, the parser does not.
            foreach (var separator in separators.EnumerateArray().Select(s => s.GetString()!).Where(s => s != Gs.ToString()))
            {
                input = input.Replace(separator, Gs.ToString(), StringComparison.Ordinal);
            }
        }

        return input;
    }

    private static Verdict JudgeScan(ConformanceRecord record, string scan, bool expectValid, bool checkFields, Faults faults, ScanFormat? requiredFormat = null)
    {
        var result = ScanParser.Parse(scan);
        var problems = Relevant(result, faults);
        var formatOk = requiredFormat is null || result.Format == requiredFormat;
        if (!expectValid)
        {
            return Verdict.Expect(problems.Count > 0 || !formatOk, $"expected invalid, parsed as {Describe(result)}");
        }

        if (problems.Count > 0 || !formatOk)
        {
            return Verdict.Fail($"expected valid, got {(formatOk ? string.Empty : $"format {result.Format}, ")}{string.Join("; ", problems.Select(p => $"{p.Code}@{p.Position}: {p.Message}"))}");
        }

        return checkFields ? CompareFields(record.Fields, result) : Verdict.Pass;
    }

    private static List<ScanProblem> Relevant(ScanResult result, Faults faults) =>
        result.Problems.Where(p => p.Category switch
        {
            ScanProblemCategory.Input or ScanProblemCategory.Syntax => true,
            ScanProblemCategory.Content => faults.HasFlag(Faults.ParseAndLint),
            _ => false,
        }).ToList();

    private static Verdict CompareFields(Dictionary<string, List<string>>? expected, ScanResult result)
    {
        var actual = result.Elements
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Value).ToList(), StringComparer.Ordinal);
        expected ??= [];
        var same = expected.Count == actual.Count
            && expected.All(pair => actual.TryGetValue(pair.Key, out var values) && values.SequenceEqual(pair.Value));
        return Verdict.Expect(same, $"fields {Show(actual)}, expected {Show(expected)}");
    }

    private static Verdict JudgeBracketed(ConformanceRecord record)
    {
        var check = record.Check ?? "parse+lint";
        var association = check switch
        {
            "validateAIrepeats" => ScanProblemCode.DuplicateAi,
            "validateAImutex" => ScanProblemCode.ConflictingAis,
            "validateAIrequisites" => ScanProblemCode.RequisiteAiMissing,
            "validateDigSigRequiresSerialisedKey" => ScanProblemCode.SignatureNeedsSerialisedKey,
            _ => (ScanProblemCode?)null,
        };
        if (association is { } rule)
        {
            // "valid" refers to the named rule only (scope note of these records).
            var result = ScanParser.Parse(record.Input);
            var broken = result.Problems.Any(p => p.Code == rule);
            return Verdict.Expect(broken != record.Valid, $"{rule} {(broken ? "reported" : "not reported")}, expected {(record.Valid ? "none" : "one")}");
        }

        return JudgeScan(record, record.Input, record.Valid, checkFields: true, check == "parse" ? Faults.Parse : Faults.ParseAndLint, ScanFormat.Gs1Hri);
    }

    private static Verdict JudgeDigitalLink(ConformanceRecord record)
    {
        if (record.Json.TryGetProperty("test_context", out var context))
        {
            foreach (var option in context.EnumerateObject())
            {
                var isDefault = option.Name switch
                {
                    "ctx->permitConvenienceAlphas" or "setPermitZeroSuppressedGTINinDLuris" or "setPermitUnknownAIs" => option.Value.GetString() == "false",
                    "setValidationEnabled(gs1_encoder_vUNKNOWN_AI_NOT_DL_ATTR)" => option.Value.GetString() == "true",
                    _ => false,
                };
                if (!isDefault)
                {
                    return Verdict.NotApplicable($"needs engine option {option.Name}={option.Value}, the parser implements the defaults only");
                }
            }
        }

        var verdict = JudgeScan(record, record.Input, record.Valid, checkFields: true, Faults.ParseAndLint, ScanFormat.Gs1DigitalLink);
        if (verdict.Outcome == Outcome.Pass && record.Valid && ScanParser.Parse(record.Input).Problems.Any(p => p.Code == ScanProblemCode.DuplicateAi))
        {
            return Verdict.Fail("duplicate AI reported in a valid URI");
        }

        if (verdict.Outcome == Outcome.Fail && !record.Valid && ScanParser.Parse(record.Input).Problems.Any(p => p.Code == ScanProblemCode.DuplicateAi))
        {
            return Verdict.Pass;
        }

        return verdict;
    }

    private static Verdict JudgeComponent(ConformanceRecord record)
    {
        var name = record.String("linter")!.Replace("gs1_lint_", string.Empty, StringComparison.Ordinal);
        if (name is "gcppos1" or "gcppos2" || record.String("expected_error") is "GS1_LINTER_INVALID_GCP_PREFIX" or "GS1_LINTER_GCP_DATASOURCE_OFFLINE")
        {
            return Verdict.NotApplicable("needs a GS1 Company Prefix registry lookup (the records use a mock data source)");
        }

        if (!Gs1Linters.TryGet(name, out var linter))
        {
            return Verdict.Fail($"linter {name} not implemented");
        }

        var failure = linter(record.Input);
        return Verdict.Expect((failure is null) == record.Valid, failure is null ? "accepted" : $"rejected: {failure.Value.Message}");
    }

    private static Verdict JudgeSingleElement(ConformanceRecord record)
    {
        var expectValid = record.Valid && !record.Has("nested_errors");
        var verdict = JudgeScan(record, record.Input, expectValid, checkFields: record.Fields is not null, Faults.ParseAndLint, ScanFormat.Gs1ElementString);
        if (verdict.Outcome != Outcome.Pass || !expectValid || record.String("expected_date") is not { } expectedDate)
        {
            return verdict;
        }

        // The date is the first six digits of the first element (YYMMDD), or eight for YYYYMMDD AIs.
        var element = ScanParser.Parse(record.Input).Elements[0];
        var definition = Gs1ApplicationIdentifiers.All.First(a => a.Ai == element.Key);
        var date = definition.Components[0].MaxLength == 8
            ? DateOnly.ParseExact(element.Value[..8], "yyyyMMdd", CultureInfo.InvariantCulture)
            : ExpiryDate.TryParse(element.Value[..6], BiipReferenceYear, out var d) ? d : default;
        var actual = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Verdict.Expect(actual == expectedDate, $"date {actual}, expected {expectedDate}");
    }

    private static Verdict JudgeAutoDetect(ConformanceRecord record)
    {
        var expectValid = record.Valid && !record.Has("nested_errors");
        var result = ScanParser.Parse(record.Input);
        if (!expectValid)
        {
            return Verdict.Expect(result.Elements.Count == 0 || Relevant(result, Faults.ParseAndLint).Count > 0, $"expected no GS1 message, parsed as {Describe(result)}");
        }

        return JudgeScan(record, record.Input, expectValid: true, checkFields: true, Faults.ParseAndLint);
    }

    private static Verdict JudgeCheckDigit(ConformanceRecord record)
    {
        var computed = Gs1CheckDigit.TryCompute(record.Input, out var check);
        if (!record.Valid)
        {
            return Verdict.Expect(!computed, $"computed {check} for non-numeric input");
        }

        var expected = record.Json.GetProperty("expected_check_digit").GetInt32();
        return Verdict.Expect(computed && check - '0' == expected, $"computed {check}, expected {expected}");
    }

    private static string Describe(ScanResult result) =>
        $"{result.Format} with elements {Show(result.Elements.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Select(e => e.Value).ToList()))} and problems [{string.Join(", ", result.Problems.Select(p => p.Code))}]";

    private static string Show(Dictionary<string, List<string>> fields) =>
        "{" + string.Join(", ", fields.Select(f => $"{f.Key}={string.Join("|", f.Value)}")) + "}";
}
