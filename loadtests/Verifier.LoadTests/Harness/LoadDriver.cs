using System.Diagnostics;

namespace Verifier.LoadTests.Harness;

/// <summary>
/// Runs a scenario's workloads for a while. Open model: the i-th iteration is due at a fixed time
/// (rate ramped up linearly, then constant) and starts then whether or not earlier ones have
/// answered; its latency counts from that due time. Closed model: workers back to back, to find
/// the most the server does. A line of progress goes to stderr every second.
/// </summary>
internal sealed class LoadDriver(RunSettings settings, TextWriter progress)
{
    private long _inFlight;

    /// <param name="use">Receives the phase's recorder before the first request, so the calls record into it.</param>
    public async Task<Recorder> RunAsync(string phase, Scenario scenario, Action<Recorder> use, double seconds, bool closed, double rampSeconds)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(rampSeconds * Stopwatch.Frequency);
        var stop = measureFrom + (long)(seconds * Stopwatch.Frequency);
        var recorder = new Recorder(phase, measureFrom);
        use(recorder);
        using var background = new CancellationTokenSource();
        var jobs = scenario.Background.Select(job => Task.Run(() => job.RunAsync(background.Token))).ToList();
        using var ticker = new CancellationTokenSource();
        var ticks = TickAsync(recorder, start, ticker.Token);

        var totalRate = scenario.Workloads.Sum(w => w.Rate);
        await Task.WhenAll(scenario.Workloads.Select(workload => closed
            // Workers split by the workloads' shares of the rate, at least one each.
            ? ClosedAsync(workload, Math.Max(1, (int)Math.Round(settings.Concurrency * workload.Rate / totalRate)), stop)
            : OpenAsync(workload, start, stop, rampSeconds)));
        recorder.Stop(stop);
        await background.CancelAsync();
        await DrainAsync();
        await Task.WhenAll(jobs);
        await ticker.CancelAsync();
        await ticks;
        recorder.Tick();
        return recorder;
    }

    private async Task OpenAsync(Workload workload, long start, long stop, double rampSeconds)
    {
        for (long i = 0; ; i++)
        {
            var due = start + (long)(DueSeconds(i, workload.Rate, rampSeconds) * Stopwatch.Frequency);
            if (due >= stop) return;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            Interlocked.Increment(ref _inFlight);
            _ = workload.Iteration(due).ContinueWith(_ => Interlocked.Decrement(ref _inFlight), TaskScheduler.Default);
        }
    }

    /// <summary>When the i-th arrival is due: the rate grows linearly from 0 over the ramp, then stays.</summary>
    internal static double DueSeconds(long i, double rate, double rampSeconds)
    {
        var duringRamp = rate * rampSeconds / 2;
        return i < duringRamp ? Math.Sqrt(2.0 * i * rampSeconds / rate) : rampSeconds / 2 + i / rate;
    }

    private async Task ClosedAsync(Workload workload, int workers, long stop) =>
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < stop)
            {
                Interlocked.Increment(ref _inFlight);
                try
                {
                    await workload.Iteration(Stopwatch.GetTimestamp());
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            }
        })));

    /// <summary>Waits for the requests still out (each has a deadline, so this ends).</summary>
    private async Task DrainAsync()
    {
        var limit = Stopwatch.GetTimestamp() + (long)((settings.TimeoutSeconds + 5) * Stopwatch.Frequency);
        while (Interlocked.Read(ref _inFlight) > 0 && Stopwatch.GetTimestamp() < limit) await Task.Delay(10);
    }

    private async Task TickAsync(Recorder recorder, long start, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var rows = recorder.Tick();
                var kinds = string.Join(" | ", rows.Where(r => r.Count > 0).Select(r => $"{r.Kind} {r.Count}/s p99 {r.P99:F1}ms err {r.Errors}"));
                progress.WriteLine($"[{recorder.Phase} {Stopwatch.GetElapsedTime(start).TotalSeconds,4:F0}s] {kinds} | in flight {Interlocked.Read(ref _inFlight)}");
            }
        }
        catch (OperationCanceledException)
        {
            // The phase is over.
        }
    }
}
