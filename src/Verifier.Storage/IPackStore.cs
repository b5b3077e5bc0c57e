using Verifier.Core.Packs;

namespace Verifier.Storage;

/// <summary>The system of record for packs. Implemented for SQLite (embedded default) and SQL Server.</summary>
public interface IPackStore
{
    /// <summary>Reads what is stored about a scanned pack (committed data only).</summary>
    Task<PackView> ReadViewAsync(ScannedPack scan, CancellationToken cancellationToken);

    /// <summary>
    /// Decides and records a command: idempotency check, state change, alert and audit row in one
    /// transaction, committed durably before this returns. Concurrent commands share commits.
    /// </summary>
    Task<PackCommandResult> CommitAsync(PackCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// A pack's audit trail, newest first: its own operations and those on its batch (upload, recall)
    /// and product (withdrawal); only <paramref name="clientId"/>'s entries when given.
    /// </summary>
    Task<IReadOnlyList<AuditRecord>> PackHistoryAsync(string productCode, string serialNumber, string? clientId, int limit, CancellationToken cancellationToken);

    /// <summary>Appends an entry that changes no pack: a request refused before it reached one.</summary>
    Task AppendAuditAsync(AuditRecord audit, CancellationToken cancellationToken);

    /// <summary>
    /// Advances the shared cache epoch and returns the new one: every cache entry written under an
    /// older epoch stops being trusted by every instance (docs/cache-coherence.md). Called when a
    /// cache write may have landed unseen (timeout, fault); durable before it returns.
    /// </summary>
    Task<long> AdvanceCacheEpochAsync(CancellationToken cancellationToken);

    /// <summary>A cheap query that fails when the store cannot be read (health checks).</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
