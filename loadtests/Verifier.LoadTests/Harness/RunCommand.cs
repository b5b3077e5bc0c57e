using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;

namespace Verifier.LoadTests.Harness;

/// <summary>
/// `run`: warm-up, a health-check baseline at the same load, then the scenario; reports to --out.
/// Exit 0, 1 when an SLO is missed or an acknowledged decommission is lost, 2 on bad usage.
/// </summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(BenchArguments arguments, TextWriter log)
    {
        if (arguments.Help)
        {
            Console.WriteLine(RunSettings.Usage);
            return 0;
        }
        var settings = RunSettings.Parse(arguments);
        if (Scenarios.Unavailable(settings.Scenario) is { } reason)
        {
            log.WriteLine(reason);
            return 2;
        }

        await using var server = settings.Targets.Count > 0 ? null : await InProcessServer.StartAsync(
            settings.Database ?? Path.Combine(Path.GetTempPath(), $"verifier-loadtest-{Guid.NewGuid():N}.db"), settings.Cache, settings.ServerSettings);
        using var targets = new Targets(server is null ? settings.Targets : [server.Address], settings.Connections);
        using var cacheMeter = new CacheHitMeter();
        await WaitUntilServingAsync(targets, log);

        var pool = settings.Scenario == "health" ? PackPool.Empty
            : settings.Data is { } data ? PackPool.FromDirectory(data, settings.Sample, log)
            : await PackPool.GenerateAndUploadAsync(targets, settings.PacksNeeded(), settings.Products, 5, log);
        Recorder current = new("none", 0);
        var calls = new Calls(targets, () => current, TimeSpan.FromSeconds(settings.TimeoutSeconds));
        var ledger = new Ledger();
        var scenario = Scenarios.Create(settings.Scenario, settings, calls, pool, ledger);
        var health = Scenarios.Create("health", settings, calls, pool, ledger);
        var driver = new LoadDriver(settings, log);
        var started = DateTime.UtcNow;

        // Warm-up in this process too (JIT, connections, pools) before anything is measured.
        if (settings.WarmupSeconds > 0) await driver.RunAsync("warm-up", scenario, r => current = r, settings.WarmupSeconds, closed: true, 0);
        Recorder? baseline = null;
        if (settings.BaselineSeconds > 0)
        {
            baseline = await driver.RunAsync("baseline", health, r => current = r, settings.BaselineSeconds, settings.Closed, settings.RampSeconds);
        }

        var changesPacks = settings.Scenario is "pharmacy" or "mah" or "national-day";
        var suppliedBefore = changesPacks ? await StoreCount.SuppliedAsync(targets, pool) : 0;
        cacheMeter.TakeRate();
        calls.TakeEstimatedHitRate();
        ledger.Counting = true;
        var measured = await driver.RunAsync(settings.Scenario, scenario, r => current = r, settings.DurationSeconds, settings.Closed, settings.RampSeconds);
        ledger.Counting = false;
        var serverHitRate = cacheMeter.TakeRate();
        var estimatedHitRate = calls.TakeEstimatedHitRate();
        var check = changesPacks
            ? new DecommissionCheck(ledger.Decommissioned, ledger.Undone, suppliedBefore, await StoreCount.SuppliedAsync(targets, pool))
            : null;

        var baselineSummary = baseline is null ? null : PhaseSummary.From(baseline);
        var measuredSummary = PhaseSummary.From(measured);
        var errors = measuredSummary.Kinds.Sum(k => k.Errors);
        var summary = new RunSummary(
            settings.Scenario, scenario.Description, settings.Closed ? $"closed, {settings.Concurrency} workers" : $"open, {settings.Rate:N0} iterations/s",
            settings.Rate, settings.Concurrency, server is null ? string.Join(", ", settings.Targets) : $"in-process ({settings.Cache} cache)", pool.Source,
            server is null ? "as configured on the target" : settings.Cache, Environment.ProcessorCount, started, baselineSummary, measuredSummary,
            settings.Closed && baselineSummary is { RpcRate: > 0 } ? measuredSummary.RpcRate / baselineSummary.RpcRate : null,
            serverHitRate ?? estimatedHitRate,
            serverHitRate is not null ? "server metrics (verifier.cache.hits / verifier.pack.operations)" : "estimated: pack requests for a pack seen before in the run",
            check, errors, SloMisses(settings, measuredSummary, check));

        Directory.CreateDirectory(settings.Output);
        Reports.Write(settings.Output, summary, baseline, measured);
        log.WriteLine(Reports.Markdown(summary, plots: false));
        log.WriteLine($"reports: {Path.GetFullPath(settings.Output)}");
        return summary.SloMisses.Count == 0 ? 0 : 1;
    }

    /// <summary>A fresh server reports NOT_SERVING until its warm-up is done; no load before.</summary>
    internal static async Task WaitUntilServingAsync(Targets targets, TextWriter log)
    {
        var started = Stopwatch.GetTimestamp();
        // Connections are used round-robin: every one must have seen SERVING, so every target has.
        for (var serving = 0; serving < targets.Connections;)
        {
            try
            {
                var reply = await new Health.HealthClient(targets.Next(null)).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
                serving = reply.Status == HealthCheckResponse.Types.ServingStatus.Serving ? serving + 1 : 0;
            }
            catch (RpcException) when (Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(2))
            {
                // Not listening yet.
                serving = 0;
            }
            if (serving == 0) await Task.Delay(20);
        }
        log.WriteLine($"serving after {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
    }

    private static List<string> SloMisses(RunSettings settings, PhaseSummary measured, DecommissionCheck? check)
    {
        var misses = new List<string>();
        foreach (var kind in measured.Kinds.Where(k => k.Kind != "upload"))
        {
            if (settings.SloP95Ms is { } p95 && kind.P95 > p95) misses.Add($"{kind.Kind} p95 {kind.P95:F1} ms > {p95} ms");
            if (settings.SloP99Ms is { } p99 && kind.P99 > p99) misses.Add($"{kind.Kind} p99 {kind.P99:F1} ms > {p99} ms");
        }
        var total = measured.Kinds.Sum(k => k.Count);
        var errors = measured.Kinds.Sum(k => k.Errors);
        if (total > 0 && (double)errors / total > settings.SloErrorRate) misses.Add($"errors {errors} of {total} RPCs > {settings.SloErrorRate:P2}");
        if (total == 0) misses.Add("no RPC completed");
        if (check is { Lost: > 0 }) misses.Add($"{check.Lost} acknowledged decommissions are not in the store");
        return misses;
    }
}
