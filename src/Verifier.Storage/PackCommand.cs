using Verifier.Core.Packs;

namespace Verifier.Storage;

/// <summary>
/// One pack operation to decide and record atomically. The store reads the pack's current view
/// inside its write transaction and calls <see cref="Decide"/> on it, so a state change can never
/// rest on a stale read. Only when <see cref="DecideOnObserved"/> is set (a status check, which
/// changes no pack, on a view from the cache) and the view was cached in the store's current
/// cache epoch (<see cref="ObservedEpoch"/>) is <see cref="Observed"/> decided on directly.
/// <see cref="StatusAfter"/> tells what the requester is told about the pack after the decision.
/// <para>
/// Cache coherence (docs/cache-coherence.md): a decision that changes the pack advances the cache
/// epoch in the same transaction unless <see cref="IsMarkedInCache"/> answers true at that moment
/// (a confirmed marker on the pack's cache key still outlives the commit by a safe margin).
/// </para>
/// <para>
/// <see cref="StatusCheck"/> marks an operation that never changes a pack (Verify): a store may
/// decide it on a consistent read snapshot outside its write path, as long as the snapshot is taken
/// after the request arrived, and may record it with delayed durability (docs/latency.md).
/// </para>
/// </summary>
public sealed record PackCommand(
    TransactionContext Context,
    string Operation,
    ScannedPack Scan,
    string RequestHash,
    Func<PackView, Decision> Decide,
    Func<PackView, Decision, PackStatus> StatusAfter,
    PackView? Observed = null,
    string? Note = null,
    bool DecideOnObserved = false,
    long? ObservedEpoch = null,
    Func<bool>? IsMarkedInCache = null,
    bool StatusCheck = false)
{
    /// <summary>
    /// The pack after a decision that changes it: a new state (with who, where and when), or only
    /// a repeat counted; the version always moves on, which is what the conditional update checks.
    /// </summary>
    public PackRecord PackAfter(PackRecord pack, Decision decision) =>
        decision.NewState is { } state
            ? pack with
            {
                State = state,
                Version = pack.Version + 1,
                // The undo and double-scan windows run from when the pack really changed hands.
                ChangedAt = Context.PerformedAt ?? Context.Timestamp,
                ChangedByClient = Context.ClientId,
                ChangedByLocation = decision.InvestigationLock ? PackRules.InvestigationPremises : Context.LocationId,
                RepeatCount = 0,
            }
            : pack with { Version = pack.Version + 1, RepeatCount = decision.RepeatCount };

    /// <summary>
    /// The audit entry of this command's decision on <paramref name="before"/>. It records what was
    /// scanned, as Art 35 asks: after a match that equals what is stored, and after a mismatch the
    /// stored batch and expiry must not be handed to whoever holds a serial.
    /// </summary>
    /// <param name="keepClientTransactionId">False when the id was already used for another request: the entry must not claim it.</param>
    public AuditRecord Audit(
        PackView before, PackView after, Decision decision, PackStatus status, string? alertId, string? note, bool keepClientTransactionId) =>
        new(
            Context.SystemTransactionId,
            keepClientTransactionId ? Context.ClientTransactionId : null,
            Context.Timestamp,
            Context.ClientId,
            Context.UserId,
            Context.LocationId,
            Operation,
            decision.Outcome,
            Scan.ProductCode,
            Scan.SerialNumber,
            Scan.Batch,
            Scan.Expiry,
            before.Pack?.State,
            after.Pack?.State,
            status.Reason,
            status.Active,
            alertId,
            decision.RepeatCount,
            note,
            Context.PerformedAt);
}

/// <summary>The recorded result of a command: its audit entry and the view after it.</summary>
/// <param name="Replayed">True when the client transaction id had been answered before and this is that answer.</param>
/// <param name="ObservedWasStale">True when the caller's cached view differed from the committed one.</param>
/// <param name="CacheEpoch">The cache epoch read in the same transaction as <paramref name="ViewAfter"/> (after any advance): cache writes of that view carry it.</param>
public sealed record PackCommandResult(AuditRecord Audit, PackView ViewAfter, bool Replayed, bool ObservedWasStale, long CacheEpoch);

/// <summary>
/// One entry of the append-only audit trail (DR Art 35(1)(g)); also the stored answer for idempotent retries.
/// <see cref="Outcome"/> is null for a request refused before it reached a pack (malformed, not permitted); <see cref="Note"/> says why.
/// <see cref="Timestamp"/> is when it was recorded; <see cref="PerformedAt"/> when a deferred operation was performed (DR Art 29), else null.
/// </summary>
public sealed record AuditRecord(
    string SystemTransactionId,
    string? ClientTransactionId,
    DateTimeOffset Timestamp,
    string ClientId,
    string? UserId,
    string LocationId,
    string Operation,
    Outcome? Outcome,
    string? ProductCode,
    string? SerialNumber,
    string? Batch,
    string? Expiry,
    PackState? StateBefore,
    PackState? StateAfter,
    InactiveReason? Reason,
    bool Active,
    string? AlertId,
    int RepeatCount,
    string? Note,
    DateTimeOffset? PerformedAt = null)
{
    /// <summary>
    /// The parameters of an audit row insert, named as both providers' INSERT statements name them
    /// (enums as their numbers, the time as Unix milliseconds).
    /// </summary>
    public object Parameters(string? requestHash) => new
    {
        SystemTransactionId,
        ClientTransactionId,
        RequestHash = requestHash,
        At = Timestamp.ToUnixTimeMilliseconds(),
        ClientId,
        UserId,
        LocationId,
        Operation,
        Outcome = (int?)Outcome,
        ProductCode,
        SerialNumber,
        Batch,
        Expiry,
        StateBefore = (int?)StateBefore,
        StateAfter = (int?)StateAfter,
        Reason = (int?)Reason,
        Active,
        AlertId,
        RepeatCount,
        Note,
        PerformedAt = PerformedAt?.ToUnixTimeMilliseconds(),
    };

    /// <summary>An entry that changes no pack: master data, alert and client operations, refusals.</summary>
    public static AuditRecord Entry(
        TransactionContext context, string operation, Outcome? outcome, string? productCode = null, string? serialNumber = null,
        string? batch = null, string? expiry = null, bool active = false, string? alertId = null, string? note = null) =>
        new(context.SystemTransactionId, null, context.Timestamp, context.ClientId, context.UserId, context.LocationId, operation, outcome,
            productCode, serialNumber, batch, expiry, null, null, null, active, alertId, 0, note);
}
