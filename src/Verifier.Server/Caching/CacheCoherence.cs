using Verifier.Cache;
using Verifier.Server.Observability;
using Verifier.Storage;

namespace Verifier.Server.Caching;

/// <summary>
/// The one rule the server adds to the cache's own (docs/cache-coherence.md): a cache write that
/// Redis did not answer may still land later, over a newer value, so before the request is
/// answered the shared cache epoch advances and every instance stops trusting what was cached
/// before. If the store cannot record that either, the request fails: its change is committed,
/// and a retry with the same client transaction id replays it and settles the cache again.
/// </summary>
internal sealed class CacheCoherence(IPackStore store, VerifierMetrics metrics, ILogger<CacheCoherence> logger)
{
    public async Task SettleAsync(ValueTask<CacheWrite> write)
    {
        if (await write != CacheWrite.Unconfirmed) return;
        var epoch = await store.AdvanceCacheEpochAsync(CancellationToken.None);
        metrics.RecordEpochAdvance();
        logger.LogWarning("A cache write went unanswered; cache epoch advanced to {Epoch}: every instance re-reads SQL", epoch);
    }
}
