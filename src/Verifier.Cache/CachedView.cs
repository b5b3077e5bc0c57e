using Verifier.Core.Packs;

namespace Verifier.Cache;

/// <summary>
/// A view assembled from the cache and the cache epoch every part of it was written under. The
/// view may only be trusted when that epoch is still the store's current one (docs/cache-coherence.md).
/// </summary>
public sealed record CachedView(PackView View, long Epoch);

/// <summary>The version of a cached part and the epoch it was cached in.</summary>
public readonly record struct CachedStamp(long Version, long Epoch);

/// <summary>
/// What the cache held for one scan: the whole view when every part was there and agreed, and in any
/// case the product and scanned batch it found, so that the fill after a miss writes only the parts
/// that are missing or outdated. A pack seen for the first time is the common miss, and its product
/// and batch are nearly always cached already: rewriting them tripled the Lua calls of a fill.
/// </summary>
public sealed record CacheLookup(CachedView? View, CachedStamp? Product, CachedStamp? ScannedBatch)
{
    public static readonly CacheLookup Miss = new(null, null, null);
}
