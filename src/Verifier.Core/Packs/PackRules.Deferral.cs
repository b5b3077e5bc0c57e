namespace Verifier.Core.Packs;

/// <summary>Whether a deferred operation's performed time is acceptable (DR Art 29).</summary>
public enum DeferralVerdict
{
    Accepted,
    /// <summary>Later than now by more than the clock-skew tolerance: no terminal can have performed it yet.</summary>
    InFuture,
    /// <summary>Earlier than now by more than the maximum deferral: not "as soon as" the system was back.</summary>
    TooOld,
}

/// <summary>
/// Deferred operations (DR Art 29): a terminal that could not reach the system performed the
/// operation at one time and sends it later. Every rule judges a deferred operation at its
/// performed time, the moment the pack was in the pharmacist's hands: expiry, the double-scan window
/// and the undo window (which runs from the decommissioning's performed time, stored as the pack's
/// change time, to the undo's performed time). Recalls and withdrawals are judged as they stand when
/// the operation arrives, as the system holds no history of them; and the order of state changes is
/// the order in which they arrive, so a pack supplied elsewhere meanwhile is already inactive.
/// </summary>
public sealed partial class PackRules
{
    public DeferralVerdict JudgeDeferral(DateTimeOffset performedAt, DateTimeOffset now) =>
        performedAt - now > Policy.ClockSkewTolerance ? DeferralVerdict.InFuture
        : now - performedAt > Policy.MaxDeferral ? DeferralVerdict.TooOld
        : DeferralVerdict.Accepted;

    /// <summary>
    /// The time the rules judge an operation at: its performed time when it was deferred, never later
    /// than now (a terminal's clock running a little ahead must not stretch a window into the future).
    /// </summary>
    public static DateTimeOffset JudgedAt(DateTimeOffset? performedAt, DateTimeOffset now) =>
        performedAt is { } performed && performed < now ? performed : now;
}
