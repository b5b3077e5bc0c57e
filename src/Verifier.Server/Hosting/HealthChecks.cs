using Microsoft.Extensions.Diagnostics.HealthChecks;
using Verifier.Cache;
using Verifier.Storage;

namespace Verifier.Server.Hosting;

/// <summary>The store must answer; without it nothing can be answered.</summary>
internal sealed class StoreHealthCheck(IPackStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("The store does not answer.", exception);
        }
    }
}

/// <summary>A cache outage only makes the service slower, so it degrades health rather than failing it.</summary>
internal sealed class CacheHealthCheck(IPackStatusCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(cache.IsAvailable ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded("The cache is unavailable; answers come from SQL."));
}
