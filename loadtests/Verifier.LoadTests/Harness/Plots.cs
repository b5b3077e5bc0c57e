using ScottPlot;

namespace Verifier.LoadTests.Harness;

/// <summary>The report's PNG plots (ScottPlot 5, rendered without a display).</summary>
internal static class Plots
{
    public const string LatencyOverTime = "latency-over-time.png";
    public const string Distribution = "latency-distribution.png";
    public const string Throughput = "throughput.png";
    public const string Outcomes = "outcomes.png";

    private const int Width = 1000;
    private const int Height = 480;

    public static void Write(string folder, RunSummary summary, Recorder measured)
    {
        LatencyOverTimePlot(measured, summary.Baseline).SavePng(Path.Combine(folder, LatencyOverTime), Width, Height);
        DistributionPlot(summary).SavePng(Path.Combine(folder, Distribution), Width, Height);
        ThroughputPlot(measured).SavePng(Path.Combine(folder, Throughput), Width, Height);
        OutcomesPlot(summary.Measured).SavePng(Path.Combine(folder, Outcomes), Width, Height);
    }

    private static Plot LatencyOverTimePlot(Recorder measured, PhaseSummary? baseline)
    {
        var plot = new Plot();
        // Uploads take seconds by nature; on this scale they would flatten the RPC lines (their figures are in the tables).
        foreach (var kind in measured.Series.Where(r => r.Kind != "upload").GroupBy(r => r.Kind))
        {
            var rows = kind.Where(r => r.Count > 0).ToList();
            if (rows.Count == 0) continue;
            var xs = rows.Select(r => r.Second).ToArray();
            Line(plot, xs, rows.Select(r => r.P50).ToArray(), $"{kind.Key} p50");
            Line(plot, xs, rows.Select(r => r.P99).ToArray(), $"{kind.Key} p99", dashed: true);
        }
        if (baseline?.Kinds.FirstOrDefault(k => k.Kind == "health") is { Count: > 0 } health)
        {
            var line = plot.Add.HorizontalLine(health.P99);
            line.LegendText = "health p99 (baseline)";
            line.LinePattern = LinePattern.Dotted;
        }
        plot.Title("Latency per second (from the intended send time)");
        plot.XLabel("seconds into the phase (ramp-up included)");
        plot.YLabel("ms");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>Percentiles on a "nines" axis (x = -log10(1 - p)), the usual way to show a latency tail.</summary>
    private static Plot DistributionPlot(RunSummary summary)
    {
        var plot = new Plot();
        double[] percentiles = [50, 90, 95, 99, 99.9, 99.99];
        foreach (var (phase, kind) in new[] { summary.Baseline, summary.Measured }.OfType<PhaseSummary>()
                     .SelectMany(p => p.Kinds.Where(k => k.Count > 0 && k.Kind != "upload").Select(k => (p.Phase, k))))
        {
            var points = new[] { (50.0, kind.P50), (90, kind.P90), (95, kind.P95), (99, kind.P99), (99.9, kind.P999) }
                .Where(p => p.Item1 < 100 - 100.0 / Math.Max(1, kind.Count)).ToList();
            if (points.Count == 0) continue;
            Line(plot, points.Select(p => Nines(p.Item1)).ToArray(), points.Select(p => p.Item2).ToArray(), $"{phase}: {kind.Kind}", markers: true);
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            percentiles.Select(Nines).ToArray(), percentiles.Select(p => p + " %").ToArray());
        plot.Title("Latency distribution (measured window)");
        plot.XLabel("percentile");
        plot.YLabel("ms");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot ThroughputPlot(Recorder measured)
    {
        var plot = new Plot();
        foreach (var kind in measured.Series.GroupBy(r => r.Kind))
        {
            var rows = kind.ToList();
            Line(plot, rows.Select(r => r.Second).ToArray(), rows.Select(r => (double)r.Count).ToArray(), $"{kind.Key} answered/s");
            if (rows.Any(r => r.Errors > 0)) Line(plot, rows.Select(r => r.Second).ToArray(), rows.Select(r => (double)r.Errors).ToArray(), $"{kind.Key} errors/s", dashed: true);
        }
        plot.Title("Throughput per second");
        plot.XLabel("seconds into the phase (ramp-up included)");
        plot.YLabel("RPCs per second");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot OutcomesPlot(PhaseSummary measured)
    {
        var plot = new Plot();
        var bars = measured.Kinds
            .SelectMany(k => k.Outcomes.Select(o => ($"{k.Kind}: {o.Key}", (double)o.Value, false))
                .Concat(k.ErrorsByStatus.Select(e => ($"{k.Kind}: error {e.Key}", (double)e.Value, true))))
            .ToList();
        var positions = Enumerable.Range(0, bars.Count).Select(i => (double)i).ToArray();
        plot.Add.Bars(bars.Select((b, i) => new Bar
        {
            Position = i,
            Value = b.Item2,
            FillColor = b.Item3 ? Colors.Red : Colors.SteelBlue,
        }).ToList());
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, bars.Select(b => b.Item1).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.UpperLeft;
        plot.Axes.Bottom.MinimumSize = 160;
        plot.Axes.Margins(bottom: 0);
        plot.Title("Outcomes and errors (measured window; errors in red)");
        plot.YLabel("RPCs");
        return plot;
    }

    private static double Nines(double percentile) => -Math.Log10(1 - Math.Min(percentile, 99.9999) / 100);

    private static void Line(Plot plot, double[] xs, double[] ys, string label, bool dashed = false, bool markers = false)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = label;
        line.MarkerSize = markers ? 6 : 0;
        if (dashed) line.LinePattern = LinePattern.Dashed;
    }
}
