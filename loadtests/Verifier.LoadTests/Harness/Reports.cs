using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Verifier.LoadTests.Harness;

/// <summary>report.md, report.html (with the plots), summary.json and CSV files of a run.</summary>
internal static class Reports
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(string folder, RunSummary summary, Recorder? baseline, Recorder measured)
    {
        Plots.Write(folder, summary, measured);
        File.WriteAllText(Path.Combine(folder, "report.md"), Markdown(summary, plots: true));
        File.WriteAllText(Path.Combine(folder, "report.html"), Html(summary));
        File.WriteAllText(Path.Combine(folder, "summary.json"), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
        WriteCsv(Path.Combine(folder, "timeseries.csv"), "phase,second,kind,count,errors,p50_ms,p90_ms,p99_ms,p999_ms,max_ms",
            new[] { baseline, measured }.OfType<Recorder>().SelectMany(r => r.Series.Select(row => Csv(r.Phase, row.Second, row.Kind, row.Count, row.Errors,
                row.P50, row.P90, row.P99, row.P999, row.Max))));
        var phases = new[] { summary.Baseline, summary.Measured }.OfType<PhaseSummary>().ToList();
        WriteCsv(Path.Combine(folder, "percentiles.csv"), "phase,kind,count,errors,rate_per_s,p50_ms,p90_ms,p95_ms,p99_ms,p999_ms,max_ms",
            phases.SelectMany(p => p.Kinds.Select(k => Csv(p.Phase, k.Kind, k.Count, k.Errors, k.Rate, k.P50, k.P90, k.P95, k.P99, k.P999, k.Max))));
        WriteCsv(Path.Combine(folder, "outcomes.csv"), "phase,kind,outcome,count",
            phases.SelectMany(p => p.Kinds.SelectMany(k => k.Outcomes.Select(o => Csv(p.Phase, k.Kind, o.Key, o.Value))
                .Concat(k.ErrorsByStatus.Select(e => Csv(p.Phase, k.Kind, "error:" + e.Key, e.Value))))));
    }

    public static string Markdown(RunSummary summary, bool plots)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Load test: {summary.Scenario}").AppendLine();
        text.AppendLine($"{summary.Description}.").AppendLine();
        text.AppendLine($"- started {summary.StartedUtc:u}; {summary.Cores} cores; load model {summary.Mode}");
        text.AppendLine($"- target: {summary.Target}; data: {summary.Data}");
        text.AppendLine($"- latency counts from the intended send time (open model); whole-phase figures exclude the ramp-up").AppendLine();
        foreach (var phase in new[] { summary.Baseline, summary.Measured }.OfType<PhaseSummary>())
        {
            text.AppendLine($"## {phase.Phase}: {phase.RpcRate:N0} RPCs/s over {phase.WindowSeconds:F0} s").AppendLine();
            text.AppendLine("| kind | answered | per s | p50 ms | p90 ms | p95 ms | p99 ms | p99.9 ms | max ms | errors |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var k in phase.Kinds)
            {
                text.AppendLine(Invariant, $"| {k.Kind} | {k.Count:N0} | {k.Rate:N0} | {k.P50:F2} | {k.P90:F2} | {k.P95:F2} | {k.P99:F2} | {k.P999:F2} | {k.Max:F2} | {k.Errors} |");
            }
            text.AppendLine();
        }
        text.AppendLine("## Figures").AppendLine();
        if (summary.ThroughputRatioToHealth is { } ratio) text.AppendLine(Invariant, $"- throughput (RPCs/s) in the closed loop as a ratio to the health baseline (same workers, same run): {ratio:F2}");
        if (summary.Baseline?.Kinds.FirstOrDefault(k => k.Kind == "health") is { Count: > 0 } health)
        {
            foreach (var k in summary.Measured.Kinds.Where(k => k.Kind != "upload" && k.Kind != "health" && k.Count > 0))
            {
                text.AppendLine(Invariant, $"- {k.Kind} p50 / p99 as a multiple of health's: {k.P50 / Math.Max(health.P50, 0.001):F1}× / {k.P99 / Math.Max(health.P99, 0.001):F1}×");
            }
        }
        text.AppendLine(summary.CacheHitRate is { } hits ? $"- cache hit rate: {hits:P1} ({summary.CacheHitSource})" : "- cache hit rate: no pack requests");
        if (summary.Decommissions is { } d)
        {
            text.AppendLine($"- decommissions acknowledged {d.Acknowledged:N0}, undone {d.Undone:N0}; dispensed packs counted in the store: +{d.Counted:N0}; lost: {d.Lost}");
        }
        text.AppendLine($"- RPCs without an answer (transport or gRPC status errors): {summary.TransportErrors}");
        text.AppendLine(summary.SloMisses.Count == 0 ? "- SLOs: met" : $"- SLOs missed: {string.Join("; ", summary.SloMisses)}");
        if (plots)
        {
            text.AppendLine().AppendLine("## Plots").AppendLine();
            foreach (var plot in new[] { Plots.LatencyOverTime, Plots.Distribution, Plots.Throughput, Plots.Outcomes }) text.AppendLine($"![{plot}]({plot})").AppendLine();
        }
        return text.ToString();
    }

    private static string Html(RunSummary summary)
    {
        var html = new StringBuilder();
        html.AppendLine($"<!doctype html><html><head><meta charset=\"utf-8\"><title>Load test: {Encode(summary.Scenario)}</title>");
        html.AppendLine("<style>body{font-family:sans-serif;max-width:1040px;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child{text-align:left}</style></head><body>");
        html.AppendLine($"<h1>Load test: {Encode(summary.Scenario)}</h1><p>{Encode(summary.Description)}</p>");
        html.AppendLine($"<p>Started {summary.StartedUtc:u}; {summary.Cores} cores; {Encode(summary.Mode)}; target {Encode(summary.Target)}; data {Encode(summary.Data)}.</p>");
        foreach (var phase in new[] { summary.Baseline, summary.Measured }.OfType<PhaseSummary>())
        {
            html.AppendLine($"<h2>{Encode(phase.Phase)}: {phase.RpcRate:N0} RPCs/s over {phase.WindowSeconds:F0} s</h2><table>");
            html.AppendLine("<tr><th>kind</th><th>answered</th><th>per s</th><th>p50 ms</th><th>p90 ms</th><th>p95 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th><th>errors</th></tr>");
            foreach (var k in phase.Kinds)
            {
                html.AppendLine(Invariant, $"<tr><td>{Encode(k.Kind)}</td><td>{k.Count:N0}</td><td>{k.Rate:N0}</td><td>{k.P50:F2}</td><td>{k.P90:F2}</td><td>{k.P95:F2}</td><td>{k.P99:F2}</td><td>{k.P999:F2}</td><td>{k.Max:F2}</td><td>{k.Errors}</td></tr>");
            }
            html.AppendLine("</table>");
        }
        var figures = Markdown(summary, plots: false);
        var list = figures[(figures.IndexOf("## Figures", StringComparison.Ordinal) + "## Figures".Length)..]
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => $"<li>{Encode(line.TrimStart('-', ' '))}</li>");
        html.AppendLine($"<h2>Figures</h2><ul>{string.Concat(list)}</ul>");
        foreach (var plot in new[] { Plots.LatencyOverTime, Plots.Distribution, Plots.Throughput, Plots.Outcomes }) html.AppendLine($"<p><img src=\"{plot}\" alt=\"{plot}\" width=\"1000\"></p>");
        html.AppendLine("<p>Raw figures: summary.json, percentiles.csv, timeseries.csv, outcomes.csv.</p></body></html>");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Csv(params object[] fields) => string.Join(',', fields.Select(f => f switch
    {
        double d => d.ToString("0.###", Invariant),
        string s when s.Contains(',') => $"\"{s}\"",
        _ => Convert.ToString(f, Invariant),
    }));

    private static void WriteCsv(string path, string header, IEnumerable<string> lines) => File.WriteAllLines(path, [header, .. lines]);
}
