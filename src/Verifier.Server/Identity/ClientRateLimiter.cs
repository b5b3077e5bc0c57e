using System.Threading.RateLimiting;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Verifier.Core.Packs;
using Verifier.Server.Hosting;

namespace Verifier.Server.Identity;

/// <summary>
/// A token bucket per client, so one misbehaving terminal or script cannot starve a national
/// service. Refusals are RESOURCE_EXHAUSTED with the national code NMVS_FI_SE_CLI_01.
/// </summary>
internal sealed class ClientRateLimiter : IDisposable
{
    /// <summary>Trailer with the outcome's national code, so terminals can show it like any other.</summary>
    public const string NationalCodeTrailer = "verifier-national-code";

    private static readonly TimeSpan ReplenishmentWait = TimeSpan.FromMilliseconds(50);

    private readonly PartitionedRateLimiter<string> _limiter;

    public ClientRateLimiter(IOptions<VerifierOptions> options)
    {
        var limit = options.Value.RateLimit;
        _limiter = PartitionedRateLimiter.Create<string, string>(clientId => RateLimitPartition.GetTokenBucketLimiter(clientId, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = limit.Burst,
                TokensPerPeriod = limit.PermitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public void Demand(string clientId)
    {
        using var lease = _limiter.AttemptAcquire(clientId);
        if (!lease.IsAcquired)
        {
            throw new RpcException(
                new Status(StatusCode.ResourceExhausted, Outcome.RateLimited.DefaultMessage()),
                new Metadata { { NationalCodeTrailer, Outcome.RateLimited.NationalCode() } });
        }
    }

    /// <summary>
    /// Waits until the client has a permit (bulk items are paced, not refused: the job or stream
    /// was already accepted).
    /// </summary>
    public async ValueTask WaitAsync(string clientId, CancellationToken cancellationToken)
    {
        while (true)
        {
            using (var lease = _limiter.AttemptAcquire(clientId))
            {
                if (lease.IsAcquired) return;
            }
            await Task.Delay(ReplenishmentWait, cancellationToken);
        }
    }

    public void Dispose() => _limiter.Dispose();
}
