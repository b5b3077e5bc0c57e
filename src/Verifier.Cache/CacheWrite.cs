namespace Verifier.Cache;

/// <summary>What became of a cache write; only <see cref="Unconfirmed"/> obliges the caller to act.</summary>
public enum CacheWrite
{
    /// <summary>Redis answered: the write happened (or was refused as older) before the answer.</summary>
    Confirmed,

    /// <summary>Nothing was sent (cache off, open breaker, value too old to send): nothing can land later.</summary>
    NotSent,

    /// <summary>
    /// Sent without an answer (timeout, fault): it may still land at any later time, so the caller
    /// advances the cache epoch before answering (docs/cache-coherence.md).
    /// </summary>
    Unconfirmed,
}
