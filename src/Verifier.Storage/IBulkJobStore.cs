namespace Verifier.Storage;

/// <summary>
/// Durable bulk jobs (issue 8), shared by every instance on the store. A job's operations and
/// results are opaque bytes to the store (the server's wire messages); the store keeps who owns a
/// job, which items have a result, and which instance runs it: a lease row (owner, lease_until)
/// that exactly one instance holds at a time and another takes over once it has expired.
/// Implemented for SQLite and SQL Server.
/// </summary>
public interface IBulkJobStore
{
    /// <summary>
    /// Stores a new job with its items, durably, and returns it; when the client already has a job
    /// of that client job id, returns that one and stores nothing.
    /// </summary>
    Task<BulkJobRecord> SubmitAsync(BulkJobSubmission job, CancellationToken cancellationToken);

    Task<BulkJobRecord?> FindAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the oldest unfinished job whose lease is free or expired at <paramref name="now"/>
    /// for <paramref name="owner"/> until now + <paramref name="lease"/>; null when there is none.
    /// </summary>
    Task<BulkJobRecord?> ClaimAsync(string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>The items without a result yet, in index order.</summary>
    Task<IReadOnlyList<BulkJobItem>> PendingItemsAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores results of items that have none yet and renews the lease, in one transaction, only
    /// while <paramref name="owner"/> holds it; false (nothing stored) once another instance took
    /// it. The job is finished (lease released) when its last item has a result. An empty list
    /// only renews the lease.
    /// </summary>
    Task<bool> RecordResultsAsync(
        string jobId, string owner, IReadOnlyList<BulkItemResultRow> results, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Results in index order, from the <paramref name="offset"/>-th finished item on.</summary>
    Task<IReadOnlyList<BulkItemResultRow>> ResultsAsync(string jobId, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>How many finished items had each outcome (0: refused with an error).</summary>
    Task<IReadOnlyList<BulkOutcomeCount>> SummaryAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Deletes jobs finished before <paramref name="finishedBefore"/> with their items; returns how many jobs went.</summary>
    Task<int> PurgeAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken);
}

/// <param name="Operations">The items in index order, each as the caller serialised it.</param>
public sealed record BulkJobSubmission(string JobId, string ClientId, string ClientJobId, DateTimeOffset SubmittedAt, IReadOnlyList<byte[]> Operations);

/// <summary>A job's row: <see cref="Done"/> counts items with a result; a free lease has no owner.</summary>
public sealed record BulkJobRecord(
    string JobId,
    string ClientId,
    string ClientJobId,
    int Total,
    int Done,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? FinishedAt,
    string? LeaseOwner,
    DateTimeOffset? LeaseUntil);

public sealed record BulkJobItem(int Index, byte[] Operation);

/// <param name="Outcome">The item's outcome code (the Outcome enum's number); 0 for an item refused with an error.</param>
public sealed record BulkItemResultRow(int Index, int Outcome, byte[] Result);

public sealed record BulkOutcomeCount(int Outcome, int Count);
