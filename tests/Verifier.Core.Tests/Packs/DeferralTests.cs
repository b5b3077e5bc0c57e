using Verifier.Core.Alerts;
using Verifier.Core.Packs;

namespace Verifier.Core.Tests.Packs;

/// <summary>
/// Deferred operations (DR Art 29): the performed time is accepted within its bounds, and every
/// time rule judges the operation at that time rather than at its arrival.
/// </summary>
public sealed class DeferralTests
{
    private static readonly PackRulesPolicy Policy = new();
    private static readonly DateTimeOffset Arrival = Given.Now;

    [Fact]
    public void The_defaults_allow_five_days_and_two_minutes_of_clock_skew()
    {
        Assert.Equal(TimeSpan.FromDays(5), Policy.MaxDeferral);
        Assert.Equal(TimeSpan.FromMinutes(2), Policy.ClockSkewTolerance);
        Assert.True(Policy.MaxDeferral < Policy.UndoWindow, "a deferred decommissioning must still be undoable after its replay");
    }

    [Fact]
    public void A_performed_time_from_now_back_to_the_maximum_deferral_is_accepted()
    {
        Assert.Equal(DeferralVerdict.Accepted, Given.Rules.JudgeDeferral(Arrival, Arrival));
        Assert.Equal(DeferralVerdict.Accepted, Given.Rules.JudgeDeferral(Arrival.AddHours(-30), Arrival));
        Assert.Equal(DeferralVerdict.Accepted, Given.Rules.JudgeDeferral(Arrival - Policy.MaxDeferral, Arrival));
    }

    [Fact]
    public void A_performed_time_one_tick_before_the_maximum_deferral_is_too_old()
    {
        Assert.Equal(DeferralVerdict.TooOld, Given.Rules.JudgeDeferral(Arrival - Policy.MaxDeferral - TimeSpan.FromTicks(1), Arrival));
        Assert.Equal(DeferralVerdict.TooOld, Given.Rules.JudgeDeferral(Arrival.AddYears(-1), Arrival));
    }

    [Fact]
    public void A_performed_time_ahead_by_the_clock_skew_is_accepted_and_beyond_it_is_in_the_future()
    {
        Assert.Equal(DeferralVerdict.Accepted, Given.Rules.JudgeDeferral(Arrival + Policy.ClockSkewTolerance, Arrival));
        Assert.Equal(DeferralVerdict.InFuture, Given.Rules.JudgeDeferral(Arrival + Policy.ClockSkewTolerance + TimeSpan.FromTicks(1), Arrival));
        Assert.Equal(DeferralVerdict.InFuture, Given.Rules.JudgeDeferral(Arrival.AddDays(1), Arrival));
    }

    [Fact]
    public void The_bounds_come_from_the_policy()
    {
        var strict = new PackRules(new PackRulesPolicy { MaxDeferral = TimeSpan.FromHours(1), ClockSkewTolerance = TimeSpan.Zero });

        Assert.Equal(DeferralVerdict.TooOld, strict.JudgeDeferral(Arrival.AddHours(-2), Arrival));
        Assert.Equal(DeferralVerdict.InFuture, strict.JudgeDeferral(Arrival.AddSeconds(1), Arrival));
        Assert.Equal(DeferralVerdict.Accepted, strict.JudgeDeferral(Arrival.AddMinutes(-59), Arrival));
    }

    [Fact]
    public void The_rules_judge_at_the_performed_time_and_never_later_than_now()
    {
        Assert.Equal(Arrival, PackRules.JudgedAt(null, Arrival));
        Assert.Equal(Arrival.AddDays(-2), PackRules.JudgedAt(Arrival.AddDays(-2), Arrival));
        Assert.Equal(Arrival, PackRules.JudgedAt(Arrival.AddMinutes(1), Arrival));
    }

    [Fact]
    public void A_pack_supplied_before_its_expiry_is_decommissioned_even_when_the_replay_comes_after_it()
    {
        // Expires 28 Feb 2026; supplied offline on the 27th, replayed on 10 March.
        var pack = Given.ActivePack().Expiring(Given.PastExpiry);
        var performed = PackRules.JudgedAt(new DateTimeOffset(2026, 2, 27, 10, 0, 0, TimeSpan.Zero), Arrival);

        Assert.Equal(new Decision(Outcome.Success, PackState.Supplied, null),
            Given.Rules.Decommission(pack.Build(), pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, performed));
        Assert.Equal(Outcome.PackExpired,
            Given.Rules.Decommission(pack.Build(), pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, Arrival).Outcome);
    }

    [Fact]
    public void The_undo_window_runs_from_the_decommissionings_performed_time_to_the_undos()
    {
        // Supplied offline on day 0 (the pack's change time is the performed time), replayed on day 4.
        var suppliedAt = Arrival.AddDays(-12);
        var pack = Given.PackIn(PackState.Supplied, suppliedAt);

        var undoneOnDay9 = Given.Rules.Undo(pack.Build(), pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, suppliedAt.AddDays(9));
        var undoneOnDay11 = Given.Rules.Undo(pack.Build(), pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, suppliedAt.AddDays(11));

        Assert.Equal(new Decision(Outcome.Success, PackState.Active, null), undoneOnDay9);
        Assert.Equal(new Decision(Outcome.UndoTooLate, null, null), undoneOnDay11);
    }

    [Fact]
    public void An_undo_performed_just_before_the_recorded_decommissioning_clock_skew_is_still_in_time()
    {
        var pack = Given.PackIn(PackState.Supplied, Arrival);

        Assert.Equal(new Decision(Outcome.Success, PackState.Active, null),
            Given.Rules.Undo(pack.Build(), pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, Arrival.AddMinutes(-1)));
    }

    [Fact]
    public void Repeats_performed_offline_within_the_double_scan_window_are_tolerated_whenever_they_arrive()
    {
        // Both scans performed five minutes apart during an outage and replayed hours later.
        var firstScan = Arrival.AddHours(-6);
        var pack = Given.PackIn(PackState.Supplied, firstScan);

        var repeat = Given.Rules.Decommission(pack.Build(), pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, firstScan.AddMinutes(5));
        var judgedOnArrival = Given.Rules.Decommission(pack.Build(), pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, Arrival);

        Assert.Equal(new Decision(Outcome.AlreadyInState, null, null, 1), repeat);
        Assert.Equal(new Decision(Outcome.AlreadyInState, null, AlertKind.System, 1), judgedOnArrival);
    }
}
