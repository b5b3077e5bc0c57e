using Verifier.Core.Packs;

namespace Verifier.Cache;

/// <summary>
/// A view assembled from the cache and the cache epoch every part of it was written under. The
/// view may only be trusted when that epoch is still the store's current one (docs/cache-coherence.md).
/// </summary>
public sealed record CachedView(PackView View, long Epoch);
