using Verifier.Core.Packs;

namespace Verifier.Cache;

/// <summary>
/// A cache of pack status in front of SQL. SQL stays the system of record: every decision made on
/// a cached view is re-checked against SQL versions at commit, so a stale or missing entry costs
/// a re-read, never a wrong answer. That is why no member throws for a cache fault: a fault is
/// reported as a miss (or a skipped write) and the caller simply goes to SQL.
/// </summary>
public interface IPackStatusCache
{
    /// <summary>
    /// The cached view of one scan, or <c>null</c> unless the product, the pack, the pack's own
    /// batch and the scanned batch are all cached and agree with each other (ids line up).
    /// </summary>
    ValueTask<PackView?> TryGetViewAsync(string productCode, string serialNumber, string batch, CancellationToken ct);

    /// <summary>Caches every part the view has; a part never replaces a newer cached version.</summary>
    ValueTask PutViewAsync(PackView view, CancellationToken ct);

    /// <summary>After a withdrawal commit: one key per product, so no pack key needs rewriting.</summary>
    ValueTask PutProductAsync(ProductRecord product, CancellationToken ct = default);

    /// <summary>After a recall commit: one key per batch, so a recall never touches millions of pack keys.</summary>
    ValueTask PutBatchAsync(BatchRecord batch, string productCode, CancellationToken ct = default);

    /// <summary>False while the cache is known to be unreachable; for health checks only.</summary>
    bool IsAvailable { get; }
}
