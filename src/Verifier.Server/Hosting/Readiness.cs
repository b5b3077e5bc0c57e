using Microsoft.Extensions.Diagnostics.HealthChecks;
using Verifier.Cache;
using Verifier.Core.Identification;
using Verifier.Core.Packs;
using Verifier.Storage;

namespace Verifier.Server.Hosting;

/// <summary>
/// Warm-up before the instance reports ready: behind a load balancer a fresh instance must not take
/// a share of the traffic while its first requests still pay for JIT compilation, connection pools
/// and page caches. It runs the read paths every request takes (parse, cache read, SQL view read)
/// without writing anything, so the audit trail holds no warm-up traffic.
/// </summary>
internal sealed class WarmUp(IPackStore store, IPackStatusCache cache, ILogger<WarmUp> logger) : BackgroundService
{
    private const string SampleScan = "]d201041501234567821730123110WARM-UP\u001d21WARMUP0000";

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsDone => _done.Task.IsCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        // Until the store answers the instance is not ready, so warm-up waits for it too.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await store.PingAsync(stoppingToken);
                break;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Warm-up: the store does not answer yet");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }

        var parsed = ScanParser.Parse(SampleScan);
        var scan = new ScannedPack(parsed.ProductCode!, parsed.SerialNumber!, parsed.Batch!, parsed.Expiry!);
        // Concurrent rounds fill the connection pools as a burst of first requests would.
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async round =>
        {
            for (var i = 0; i < 8; i++)
            {
                ScanParser.Parse(SampleScan);
                await cache.LookUpAsync(scan.ProductCode, scan.SerialNumber, scan.Batch, stoppingToken);
                await store.ReadViewAsync(scan, stoppingToken);
            }
        }));
        _done.TrySetResult();
        logger.LogInformation("Warm-up done in {Elapsed}; ready", TimeProvider.System.GetElapsedTime(started));
    }
}

/// <summary>Not ready (NOT_SERVING) until the warm-up is done; a load balancer sends no traffic before.</summary>
internal sealed class ReadinessHealthCheck(WarmUp warmUp) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(warmUp.IsDone ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Warming up."));
}
