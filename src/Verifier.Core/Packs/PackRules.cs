using Verifier.Core.Access;
using Verifier.Core.Alerts;
using Verifier.Core.Identification;

namespace Verifier.Core.Packs;

/// <summary>
/// Every pack state transition is decided here and nowhere else: pure functions of the stored
/// view, the scan, the requester and the time. Callers apply the decision atomically.
/// </summary>
public sealed partial class PackRules(PackRulesPolicy policy)
{
    /// <summary>Recorded as the location of a lock set by a reported suspicion (see <see cref="Decision.InvestigationLock"/>).</summary>
    public const string InvestigationPremises = "(investigation)";

    public PackRulesPolicy Policy { get; } = policy;

    /// <summary>Status check: never changes state, and never alerts on a merely inactive pack (Art 36(f)).</summary>
    public Decision Verify(PackView view, ScannedPack scan, DateTimeOffset now)
    {
        if (IdentityMismatch(view, scan) is { } mismatch) return mismatch;
        return new Decision(InheritedOutcome(view, now) ?? Outcome.Success, null, null);
    }

    public Decision Decommission(PackView view, ScannedPack scan, DecommissionReason reason, Requester requester, DateTimeOffset now)
    {
        if (IdentityMismatch(view, scan) is { } mismatch) return mismatch;
        var pack = view.Pack!;
        var target = reason.ToState();

        if (InheritedOutcome(view, now) is { } inherited)
        {
            // Recalled, withdrawn and expired packs may still be destroyed (Art 12); any other
            // request is refused without an alert, as Art 36(b) excludes these from alerts.
            return pack.State == PackState.Active && reason == DecommissionReason.Destroyed
                ? new Decision(Outcome.Success, target, null)
                : new Decision(inherited, null, null);
        }

        if (pack.State == PackState.Active) return new Decision(Outcome.Success, target, null);

        if (pack.State == target && pack.ChangedByLocation == requester.LocationId)
        {
            var repeats = pack.RepeatCount + 1;
            var tolerated = repeats <= Policy.DoubleScanTolerance
                && pack.ChangedAt is { } at && now - at <= Policy.DoubleScanWindow;
            return new Decision(Outcome.AlreadyInState, null, tolerated ? null : AlertKind.System, repeats);
        }

        return new Decision(Outcome.AlreadyInactive, null, AlertKind.System);
    }

    /// <summary>
    /// A MAH's pack-level change (stolen, destroyed, locked, free sample) names packs by serial from
    /// its own records, not from a scan: an unknown serial is reported, but it is not a sign of a
    /// falsified pack, so it raises no alert; batch and expiry are the stored ones.
    /// </summary>
    public Decision ChangeByOwner(PackView view, DecommissionReason reason, Requester requester, DateTimeOffset now)
    {
        if (view.Product is null) return new Decision(Outcome.ProductUnknown, null, null);
        if (view.Pack is not { } pack || view.PackBatch is not { } batch) return new Decision(Outcome.SerialUnknown, null, null);
        return Decommission(view with { ScannedBatch = batch }, new ScannedPack(view.Product.ProductCode, pack.SerialNumber, batch.Batch, batch.Expiry), reason, requester, now);
    }

    /// <summary>Revert to active under every condition of DR Art 13.</summary>
    public Decision Undo(PackView view, ScannedPack scan, DecommissionReason reversed, Requester requester, DateTimeOffset now)
    {
        if (IdentityMismatch(view, scan) is { } mismatch) return mismatch;
        var pack = view.Pack!;

        if (InheritedOutcome(view, now) is { } inherited) return new Decision(inherited, null, null);
        if (pack.State == PackState.Active) return new Decision(Outcome.NotDecommissioned, null, null);
        if (pack.State != reversed.ToState()) return new Decision(Outcome.UndoStateMismatch, null, AlertKind.System);
        if (pack.State.IsIrreversible()) return new Decision(Outcome.UndoIrreversible, null, null);
        if (pack.State == PackState.Locked && pack.ChangedByLocation == InvestigationPremises)
        {
            // The reporter must not release the pack it reported; closing the investigation does.
            return requester.Role == ClientRole.Operator
                ? new Decision(Outcome.Success, PackState.Active, null)
                : new Decision(Outcome.UndoOtherLocation, null, null);
        }
        // Same authorisation (client) and same premises (location) as the decommissioning (Art 13(1)).
        if (pack.ChangedByLocation != requester.LocationId || pack.ChangedByClient != requester.ClientId)
        {
            return new Decision(Outcome.UndoOtherLocation, null, null);
        }

        // Locked is a quarantine, not a supply: lifting it has no time limit.
        var late = pack.State != PackState.Locked && (pack.ChangedAt is not { } at || now - at > Policy.UndoWindow);
        return late
            ? new Decision(Outcome.UndoTooLate, null, null)
            : new Decision(Outcome.Success, PackState.Active, null);
    }

    /// <summary>
    /// A reported suspicion always raises an alert of kind Reported; an active, genuine-looking
    /// pack is also locked so nobody can supply it while it is investigated.
    /// </summary>
    public Decision FlagSuspect(PackView view, ScannedPack scan, DateTimeOffset now)
    {
        if (IdentityMismatch(view, scan) is { } mismatch) return mismatch with { Alert = AlertKind.Reported };
        var lockable = view.Pack!.State == PackState.Active && InheritedOutcome(view, now) is null;
        return new Decision(Outcome.Success, lockable ? PackState.Locked : null, AlertKind.Reported, InvestigationLock: lockable);
    }

    /// <summary>What a requester is told about the pack after the decision.</summary>
    public PackStatus StatusAfter(PackView view, Decision decision, DateTimeOffset now)
    {
        // A scan that does not match the stored pack says nothing about that pack's status.
        if (view.Pack is null || view.Product is null || view.PackBatch is null || decision.Outcome.IsIdentityMismatch()) return PackStatus.Unknown;
        var state = decision.NewState ?? view.Pack.State;
        var reason = view.Product.Withdrawn ? InactiveReason.Withdrawn
            : view.PackBatch.Recalled ? InactiveReason.Recalled
            : state != PackState.Active ? (InactiveReason)(int)state
            : IsExpired(view.PackBatch, now) ? InactiveReason.Expired
            : InactiveReason.None;
        return new PackStatus(reason == InactiveReason.None, state, reason);
    }

    private static Decision? IdentityMismatch(PackView view, ScannedPack scan)
    {
        if (view.Product is null) return new Decision(Outcome.ProductUnknown, null, null);
        if (view.Pack is null)
        {
            return new Decision(view.ScannedBatch is null ? Outcome.BatchUnknown : Outcome.SerialUnknown, null, AlertKind.System);
        }
        if (view.PackBatch is null || view.Pack.BatchId != view.PackBatch.Id)
        {
            throw new ArgumentException("The view's pack batch must be the pack's own batch.", nameof(view));
        }
        if (view.PackBatch.Batch != scan.Batch) return new Decision(Outcome.BatchMismatch, null, AlertKind.System);
        if (view.PackBatch.Expiry != scan.Expiry) return new Decision(Outcome.ExpiryMismatch, null, AlertKind.System);
        return null;
    }

    private Outcome? InheritedOutcome(PackView view, DateTimeOffset now) =>
        view.Product!.Withdrawn ? Outcome.ProductWithdrawn
        : view.PackBatch!.Recalled ? Outcome.BatchRecalled
        : IsExpired(view.PackBatch, now) ? Outcome.PackExpired
        : null;

    /// <summary>A pack is valid through the last day of its expiry (DD = 00: the end of the month), in the market's time zone.</summary>
    private bool IsExpired(BatchRecord batch, DateTimeOffset now) =>
        !ExpiryDate.TryParse(batch.Expiry, out var lastDay)
        || DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Policy.MarketTimeZone).DateTime) > lastDay;
}

