using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using HdrHistogram;

namespace Verifier.LoadTests.Harness;

/// <summary>
/// Latencies, outcomes and errors of one phase, per RPC kind (verify, decommission, health ...).
/// A latency runs from the moment the request was due (the open model's intended send time), so
/// a stalled server or a late load generator shows up as latency instead of silently lowering
/// the rate (no coordinated omission). Whole-phase figures count only what was due after the
/// ramp-up; the per-second series counts everything, by completion time.
/// </summary>
internal sealed class Recorder(string phase, long measureFromTimestamp)
{
    private readonly ConcurrentDictionary<string, KindFigures> _kinds = new();
    private readonly List<IntervalRow> _series = [];
    private readonly long _started = Stopwatch.GetTimestamp();

    public string Phase => phase;
    public IReadOnlyList<IntervalRow> Series => _series;
    public IEnumerable<KindFigures> Kinds => _kinds.Values.OrderBy(k => k.Kind, StringComparer.Ordinal);
    /// <summary>Set when the phase stops; the throughput divides by the measured window.</summary>
    public TimeSpan MeasuredWindow { get; private set; }

    public void Answered(string kind, long dueTimestamp, string outcome)
    {
        var figures = Figures(kind);
        figures.Record(LatencyMicros(dueTimestamp), dueTimestamp >= measureFromTimestamp);
        figures.CountOutcome(outcome, dueTimestamp >= measureFromTimestamp);
    }

    /// <summary>A transport or gRPC status error: the request got no answer from the service.</summary>
    public void Failed(string kind, long dueTimestamp, StatusCode status)
    {
        var figures = Figures(kind);
        figures.Record(LatencyMicros(dueTimestamp), dueTimestamp >= measureFromTimestamp);
        figures.CountError(status.ToString(), dueTimestamp >= measureFromTimestamp);
    }

    public KindFigures Figures(string kind) => _kinds.GetOrAdd(kind, k => new KindFigures(k));

    /// <summary>Closes the current second: one row per kind with what completed in it.</summary>
    public IReadOnlyList<IntervalRow> Tick()
    {
        var second = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var rows = Kinds.Select(k => k.TakeInterval(second)).ToList();
        lock (_series) _series.AddRange(rows);
        return rows;
    }

    public void Stop(long stopTimestamp) =>
        MeasuredWindow = Stopwatch.GetElapsedTime(Math.Max(measureFromTimestamp, _started), stopTimestamp);

    private static long LatencyMicros(long dueTimestamp) =>
        Math.Clamp((long)Stopwatch.GetElapsedTime(dueTimestamp).TotalMicroseconds, 1, KindFigures.MaxMicros);
}

/// <summary>One second of one kind: completions, errors and latency percentiles in milliseconds.</summary>
internal sealed record IntervalRow(double Second, string Kind, long Count, long Errors, double P50, double P90, double P99, double P999, double Max);

internal sealed class KindFigures(string kind)
{
    public const long MaxMicros = 60_000_000;

    private readonly Lock _lock = new();
    private readonly LongHistogram _total = new(1, MaxMicros, 3);
    private LongHistogram _interval = new(1, MaxMicros, 2);
    private long _intervalErrors;
    private readonly Dictionary<string, long> _outcomes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);

    public string Kind => kind;

    public void Record(long micros, bool measured)
    {
        lock (_lock)
        {
            _interval.RecordValue(micros);
            if (measured) _total.RecordValue(micros);
        }
    }

    public void CountOutcome(string outcome, bool measured)
    {
        if (!measured) return;
        lock (_lock) _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;
    }

    public void CountError(string status, bool measured)
    {
        lock (_lock)
        {
            _intervalErrors++;
            if (measured) _errors[status] = _errors.GetValueOrDefault(status) + 1;
        }
    }

    public IntervalRow TakeInterval(double second)
    {
        LongHistogram interval;
        long errors;
        lock (_lock)
        {
            (interval, _interval) = (_interval, new LongHistogram(1, MaxMicros, 2));
            (errors, _intervalErrors) = (_intervalErrors, 0);
        }
        return new IntervalRow(second, kind, interval.TotalCount, errors, Ms(interval, 50), Ms(interval, 90), Ms(interval, 99), Ms(interval, 99.9),
            interval.TotalCount == 0 ? 0 : interval.GetMaxValue() / 1000.0);
    }

    public KindSummary Summary(TimeSpan window)
    {
        lock (_lock)
        {
            var errors = _errors.Values.Sum();
            return new KindSummary(kind, _total.TotalCount, errors, window.TotalSeconds > 0 ? _total.TotalCount / window.TotalSeconds : 0,
                Ms(_total, 50), Ms(_total, 90), Ms(_total, 95), Ms(_total, 99), Ms(_total, 99.9), _total.TotalCount == 0 ? 0 : _total.GetMaxValue() / 1000.0,
                new SortedDictionary<string, long>(_outcomes, StringComparer.Ordinal), new SortedDictionary<string, long>(_errors, StringComparer.Ordinal));
        }
    }

    /// <summary>The latency curve (percentile → ms) for the distribution plot, up to the last recorded value.</summary>
    public IReadOnlyList<(double Percentile, double Ms)> Curve()
    {
        lock (_lock)
        {
            if (_total.TotalCount == 0) return [];
            double[] percentiles = [0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100];
            return percentiles.Select(p => (p, p == 100 ? _total.GetMaxValue() / 1000.0 : Ms(_total, p))).ToList();
        }
    }

    private static double Ms(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;
}

/// <summary>Whole-phase figures of one kind (latencies in ms, rate per second of the measured window).</summary>
internal sealed record KindSummary(
    string Kind, long Count, long Errors, double Rate, double P50, double P90, double P95, double P99, double P999, double Max,
    SortedDictionary<string, long> Outcomes, SortedDictionary<string, long> ErrorsByStatus);
