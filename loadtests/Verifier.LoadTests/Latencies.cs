using System.Diagnostics;
using HdrHistogram;

namespace Verifier.LoadTests;

/// <summary>Latencies in microseconds (HdrHistogram, 1 µs to 60 s, 3 significant digits), printed as percentiles.</summary>
internal sealed class Latencies
{
    private readonly LongHistogram _histogram = new(1, 60_000_000, 3);
    private readonly Lock _lock = new();

    public long Count => _histogram.TotalCount;

    public void Record(long startTimestamp)
    {
        var micros = Math.Max(1, (long)Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds);
        lock (_lock) _histogram.RecordValue(Math.Min(micros, 60_000_000));
    }

    public string Summary()
    {
        lock (_lock)
        {
            string Ms(double percentile) => (_histogram.GetValueAtPercentile(percentile) / 1000.0).ToString("F2");
            return $"n={_histogram.TotalCount} p50={Ms(50)}ms p95={Ms(95)}ms p99={Ms(99)}ms p99.9={Ms(99.9)}ms max={_histogram.GetMaxValue() / 1000.0:F2}ms";
        }
    }
}
