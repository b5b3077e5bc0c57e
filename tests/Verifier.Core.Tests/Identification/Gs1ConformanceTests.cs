using Verifier.Core.Tests.Identification.Conformance;
using Xunit.Abstractions;

namespace Verifier.Core.Tests.Identification;

/// <summary>
/// Runs the parser over the shared GS1 conformance corpus (../shared/corpus/gs1/*.jsonl).
/// Gate: 100 % on every FMD-relevant record and on every record of the kinds that describe what
/// scanners send (scan_data, element_string, element_string_no_leading_fnc1). Other kinds only
/// report their pass rate. Skipped, with the reason, when the corpus is not there.
/// </summary>
public sealed class Gs1ConformanceTests(ITestOutputHelper output)
{
    private static readonly string[] GatedKinds = ["scan_data", "element_string", "element_string_no_leading_fnc1"];

    [CorpusFact]
    public void Parser_agrees_with_the_gs1_corpus()
    {
        var records = Directory.GetFiles(CorpusLocation.Gs1Directory!, "*.jsonl")
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(ConformanceRecord.Load)
            .Select(r => (Record: r, Verdict: ConformanceJudge.Judge(r), Fmd: ConformanceJudge.IsFmdRelevant(r)))
            .ToList();

        Report("Pass rate per kind (applicable records):");
        foreach (var kind in records.GroupBy(r => r.Record.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var applicable = kind.Where(r => r.Verdict.Outcome != Outcome.NotApplicable).ToList();
            var passed = applicable.Count(r => r.Verdict.Outcome == Outcome.Pass);
            var notApplicable = kind.Count() - applicable.Count;
            var rate = applicable.Count == 0 ? "n/a" : $"{100.0 * passed / applicable.Count:0.0} %";
            Report($"  {kind.Key,-34} {passed,5} / {applicable.Count,-5} {rate,8}{(notApplicable > 0 ? $"   ({notApplicable} not applicable: {kind.First(r => r.Verdict.Outcome == Outcome.NotApplicable).Verdict.Detail})" : string.Empty)}");
        }

        var fmd = records.Where(r => r.Fmd && r.Verdict.Outcome != Outcome.NotApplicable).ToList();
        Report($"  {"FMD-relevant (all kinds)",-34} {fmd.Count(r => r.Verdict.Outcome == Outcome.Pass),5} / {fmd.Count}");

        foreach (var linter in records
                     .Where(r => r.Record.Kind == "component" && r.Verdict.Outcome == Outcome.Fail)
                     .GroupBy(r => r.Record.String("linter")))
        {
            Report($"  component failures, {linter.Key}: {linter.Count()}");
        }

        var gated = records
            .Where(r => r.Verdict.Outcome == Outcome.Fail && (r.Fmd || GatedKinds.Contains(r.Record.Kind)))
            .ToList();
        foreach (var (record, verdict, _) in gated.Take(40))
        {
            Report($"GATE FAIL {record.Kind} {record.Source}: {Escape(record.Input)} -> {verdict.Detail}");
        }

        foreach (var (record, verdict, _) in records.Where(r => r.Verdict.Outcome == Outcome.Fail && !gated.Contains(r)).Take(60))
        {
            Report($"  fail {record.Kind} {record.Source}: {Escape(record.Input)} -> {verdict.Detail}");
        }

        Assert.True(gated.Count == 0, $"{gated.Count} FMD-relevant or scanner-output records disagree with the corpus; see test output");
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    private static string Escape(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
