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
/// <para>
/// A restored Redis connection advances the epoch too (in the background: nothing waits for it),
/// which narrows the window in which a failed-over or restarted Redis could serve values that lost
/// a confirmed write.
/// </para>
/// </summary>
internal sealed class CacheCoherence : IDisposable
{
    private readonly IPackStatusCache _cache;
    private readonly IPackStore _store;
    private readonly VerifierMetrics _metrics;
    private readonly ILogger<CacheCoherence> _logger;

    public CacheCoherence(IPackStatusCache cache, IPackStore store, VerifierMetrics metrics, ILogger<CacheCoherence> logger)
    {
        _cache = cache;
        _store = store;
        _metrics = metrics;
        _logger = logger;
        _cache.Reconnected += OnReconnected;
    }

    public async Task SettleAsync(ValueTask<CacheWrite> write)
    {
        if (await write == CacheWrite.Unconfirmed) await AdvanceAsync("a cache write went unanswered");
    }

    /// <summary>
    /// <see cref="SettleAsync"/> for a fill nobody waits for. The coherence argument needs the epoch
    /// to advance soon after a write goes unanswered, not before any particular answer: a fill is a
    /// read's copy, and no change's acknowledgement depends on it.
    /// </summary>
    public void SettleLater(ValueTask<CacheWrite> write) => _ = SettleLoggedAsync(write);

    public void Dispose() => _cache.Reconnected -= OnReconnected;

    private async Task SettleLoggedAsync(ValueTask<CacheWrite> write)
    {
        try
        {
            await SettleAsync(write);
        }
        catch (Exception exception)
        {
            // The store could not record the advance; the next unanswered write or reconnect tries again.
            _logger.LogError(exception, "Advancing the cache epoch after an unanswered fill failed");
        }
    }

    private async Task AdvanceAsync(string why)
    {
        var epoch = await _store.AdvanceCacheEpochAsync(CancellationToken.None);
        _metrics.RecordEpochAdvance();
        _logger.LogWarning("Cache epoch advanced to {Epoch} ({Why}): every instance re-reads SQL", epoch, why);
    }

    private async void OnReconnected()
    {
        try
        {
            await AdvanceAsync("the connection to Redis was restored");
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Advancing the cache epoch after a Redis reconnect failed");
        }
    }
}
