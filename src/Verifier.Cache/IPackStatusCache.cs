using Verifier.Core.Packs;

namespace Verifier.Cache;

/// <summary>
/// A cache of pack status in front of SQL, shared by every server instance. SQL stays the system
/// of record; docs/cache-coherence.md is the argument why no instance ever answers from an entry
/// older than a change any instance acknowledged. In short: entries carry the cache epoch of the
/// SQL snapshot they came from and are trusted only in the store's current epoch; a change is
/// marked in the cache before it commits and published after; any write that might land unseen
/// advances the epoch. No member throws for a cache fault: a read fault is a miss, a write fault
/// is reported as <see cref="CacheWrite.Unconfirmed"/>.
/// </summary>
public interface IPackStatusCache
{
    /// <summary>
    /// What the cache holds for one scan. Its view is <c>null</c> unless the product, the pack, the
    /// pack's own batch and the scanned batch are all cached, unmarked, agree with each other (ids
    /// line up) and were cached in the same epoch.
    /// </summary>
    ValueTask<CacheLookup> LookUpAsync(string productCode, string serialNumber, string batch, CancellationToken ct);

    /// <summary>Marks a pack's key before a change to the pack is committed.</summary>
    ValueTask<CacheMark> MarkPackAsync(string productCode, string serialNumber);

    /// <summary>Marks a batch's key before a recall is committed.</summary>
    ValueTask<CacheMark> MarkBatchAsync(string productCode, string batch);

    /// <summary>Marks a product's key before a withdrawal is committed.</summary>
    ValueTask<CacheMark> MarkProductAsync(string productCode);

    /// <summary>
    /// Caches every part of a view read from SQL in <paramref name="epoch"/>; a part never replaces a
    /// newer one. With <paramref name="mark"/>, publishes a committed change and removes that marker;
    /// without, it is a fill, which a marked key refuses. <paramref name="readAt"/> (a Stopwatch
    /// timestamp taken before the SQL read began) bounds how old a value may be when it is sent.
    /// A fill leaves out the product and scanned batch when <paramref name="found"/> saw them cached
    /// with the same version in the same epoch (writing them would only refresh their TTL).
    /// </summary>
    ValueTask<CacheWrite> PutViewAsync(PackView view, long epoch, long readAt, CacheMark? mark = null, CacheLookup? found = null);

    /// <summary>After a recall commit: one key per batch, so a recall never touches millions of pack keys.</summary>
    ValueTask<CacheWrite> PutBatchAsync(BatchRecord batch, string productCode, long epoch, long readAt, CacheMark? mark = null);

    /// <summary>After a withdrawal commit: one key per product, so no pack key needs rewriting.</summary>
    ValueTask<CacheWrite> PutProductAsync(ProductRecord product, long epoch, long readAt, CacheMark? mark = null);

    /// <summary>
    /// Raised when a lost connection to Redis (or a Cluster node) is restored: the node may have
    /// restarted from old data or failed over to a replica that missed confirmed writes, so the
    /// server advances the cache epoch (docs/cache-coherence.md, residual risk).
    /// </summary>
    event Action? Reconnected;

    /// <summary>False while the cache is known to be unreachable; for health checks only.</summary>
    bool IsAvailable { get; }
}
