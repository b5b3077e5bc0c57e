using Verifier.Server.Identity;

namespace Verifier.Server.Bulk;

/// <summary>
/// A stream's or job's share of its client's rate limit: one permit for the first pack and for
/// every <c>PacksPerPermit</c> packs after it (Verifier:Bulk:PacksPerPermit). Thread-safe, since
/// items start concurrently.
/// </summary>
internal sealed class PackShare(ClientRateLimiter limiter, string clientId, int packsPerPermit)
{
    private long _packs;

    public ValueTask TakeAsync(CancellationToken cancellationToken) =>
        (Interlocked.Increment(ref _packs) - 1) % Math.Max(1, packsPerPermit) == 0
            ? limiter.WaitAsync(clientId, cancellationToken)
            : ValueTask.CompletedTask;
}
