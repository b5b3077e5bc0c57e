using Verifier.Core.Alerts;
using Verifier.Core.Packs;

namespace Verifier.Core.Tests.Packs;

public sealed class DecommissionTests
{
    public static TheoryData<DecommissionReason> EveryReason => [.. Enum.GetValues<DecommissionReason>()];
    public static TheoryData<DecommissionReason, Inherited> EveryReasonAndInheritedReason =>
        IdentityOutcomeTests.Cross(Enum.GetValues<DecommissionReason>(), Enum.GetValues<Inherited>());
    public static TheoryData<PackState, Inherited> EveryInactiveStateAndInheritedReason =>
        IdentityOutcomeTests.Cross(Given.InactiveStates, Enum.GetValues<Inherited>());
    public static TheoryData<PackState, DecommissionReason> EveryInactiveStateAndReason =>
        IdentityOutcomeTests.Cross(Given.InactiveStates, Enum.GetValues<DecommissionReason>());

    private static Outcome OutcomeOf(Inherited inherited) => inherited switch
    {
        Inherited.Withdrawn => Outcome.ProductWithdrawn,
        Inherited.Recalled => Outcome.BatchRecalled,
        _ => Outcome.PackExpired,
    };

    [Theory]
    [MemberData(nameof(EveryReason))]
    public void An_active_pack_takes_the_state_of_every_reason(DecommissionReason reason)
    {
        var pack = Given.ActivePack();

        var decision = Given.Rules.Decommission(pack.Build(), pack.Scan(), reason, Given.Pharmacy, Given.Now);

        Assert.Equal(new Decision(Outcome.Success, reason.ToState(), null), decision);
    }

    [Theory]
    [MemberData(nameof(EveryReasonAndInheritedReason))]
    public void An_active_pack_with_an_inherited_reason_is_refused_without_alert_except_for_destruction(
        DecommissionReason reason, Inherited inherited)
    {
        var pack = Given.ActivePack().With(inherited);

        var decision = Given.Rules.Decommission(pack.Build(), pack.Scan(), reason, Given.Pharmacy, Given.Now);

        var expected = reason == DecommissionReason.Destroyed
            ? new Decision(Outcome.Success, PackState.Destroyed, null)
            : new Decision(OutcomeOf(inherited), null, null);
        Assert.Equal(expected, decision);
    }

    [Theory]
    [MemberData(nameof(EveryInactiveStateAndInheritedReason))]
    public void An_inactive_pack_with_an_inherited_reason_is_refused_without_alert_even_for_destruction(
        PackState state, Inherited inherited)
    {
        var pack = Given.PackIn(state, Given.Now.AddMinutes(-1)).With(inherited);

        foreach (var reason in Enum.GetValues<DecommissionReason>())
        {
            var decision = Given.Rules.Decommission(pack.Build(), pack.Scan(), reason, Given.Pharmacy, Given.Now);
            Assert.Equal(new Decision(OutcomeOf(inherited), null, null), decision);
        }
    }

    [Theory]
    [InlineData(Inherited.Withdrawn, Inherited.Recalled, Outcome.ProductWithdrawn)]
    [InlineData(Inherited.Withdrawn, Inherited.Expired, Outcome.ProductWithdrawn)]
    [InlineData(Inherited.Recalled, Inherited.Expired, Outcome.BatchRecalled)]
    public void The_inherited_reasons_keep_their_precedence(Inherited first, Inherited second, Outcome expected)
    {
        var pack = Given.ActivePack().With(first).With(second);

        var decision = Given.Rules.Decommission(pack.Build(), pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, Given.Now);

        Assert.Equal(new Decision(expected, null, null), decision);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    public void A_double_scan_by_the_same_location_within_tolerance_and_window_is_counted_without_alert(int previous, int expected)
    {
        foreach (var reason in Enum.GetValues<DecommissionReason>())
        {
            var pack = Given.ActivePack().In(reason.ToState(), Given.Now.AddMinutes(-5), Given.Pharmacy, previous);

            var decision = Given.Rules.Decommission(pack.Build(), pack.Scan(), reason, Given.Pharmacy, Given.Now);

            Assert.Equal(new Decision(Outcome.AlreadyInState, null, null, expected), decision);
            Assert.True(decision.ChangesPack);
        }
    }

    [Theory]
    [InlineData(3, 4)]
    [InlineData(4, 5)]
    [InlineData(50, 51)]
    public void A_double_scan_beyond_the_tolerance_raises_an_alert(int previous, int expected)
    {
        var pack = Given.ActivePack().In(PackState.Supplied, Given.Now.AddMinutes(-5), Given.Pharmacy, previous);

        var decision = Given.Rules.Decommission(pack.Build(), pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, Given.Now);

        Assert.Equal(new Decision(Outcome.AlreadyInState, null, AlertKind.System, expected), decision);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(30 * TimeSpan.TicksPerMinute - 1, false)]
    [InlineData(30 * TimeSpan.TicksPerMinute, false)]
    [InlineData(30 * TimeSpan.TicksPerMinute + 1, true)]
    [InlineData(TimeSpan.TicksPerDay, true)]
    public void A_double_scan_after_the_window_raises_an_alert(long ticksSinceChange, bool alerts)
    {
        var pack = Given.ActivePack().In(PackState.Supplied, Given.Now.AddTicks(-ticksSinceChange), Given.Pharmacy, 0);

        var decision = Given.Rules.Decommission(pack.Build(), pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, Given.Now);

        Assert.Equal(new Decision(Outcome.AlreadyInState, null, alerts ? AlertKind.System : null, 1), decision);
    }

    [Fact]
    public void A_double_scan_of_a_pack_without_a_change_time_raises_an_alert()
    {
        var pack = Given.ActivePack().In(PackState.Supplied, at: null, Given.Pharmacy, 0);

        var decision = Given.Rules.Decommission(pack.Build(), pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, Given.Now);

        Assert.Equal(new Decision(Outcome.AlreadyInState, null, AlertKind.System, 1), decision);
    }

    [Fact]
    public void A_double_scan_by_another_client_at_the_same_premises_counts_as_the_same_location()
    {
        var colleague = Given.Pharmacy with { ClientId = "pharmacy-1-terminal-2" };
        var pack = Given.ActivePack().In(PackState.Supplied, Given.Now.AddMinutes(-1), Given.Pharmacy, 0);

        var decision = Given.Rules.Decommission(pack.Build(), pack.Scan(), DecommissionReason.Supplied, colleague, Given.Now);

        Assert.Equal(new Decision(Outcome.AlreadyInState, null, null, 1), decision);
    }

    [Theory]
    [MemberData(nameof(EveryInactiveStateAndReason))]
    public void An_inactive_pack_is_already_inactive_with_alert_unless_the_same_location_repeats_the_same_state(
        PackState state, DecommissionReason reason)
    {
        var pack = Given.PackIn(state, Given.Now.AddMinutes(-1));
        var samePremises = Given.Rules.Decommission(pack.Build(), pack.Scan(), reason, Given.Pharmacy, Given.Now);
        var elsewhere = Given.Rules.Decommission(pack.Build(), pack.Scan(), reason, Given.OtherPharmacy, Given.Now);

        var expectedSamePremises = state == reason.ToState()
            ? new Decision(Outcome.AlreadyInState, null, null, 1)
            : new Decision(Outcome.AlreadyInactive, null, AlertKind.System);
        Assert.Equal(expectedSamePremises, samePremises);
        Assert.Equal(new Decision(Outcome.AlreadyInactive, null, AlertKind.System), elsewhere);
        Assert.False(elsewhere.ChangesPack);
    }

    [Fact]
    public void The_policy_sets_the_double_scan_tolerance_and_window()
    {
        var strict = new PackRules(new PackRulesPolicy { DoubleScanTolerance = 0 });
        var patient = new PackRules(new PackRulesPolicy { DoubleScanWindow = TimeSpan.FromDays(1) });
        var pack = Given.ActivePack().In(PackState.Supplied, Given.Now.AddHours(-2), Given.Pharmacy, 0);

        Assert.Equal(new Decision(Outcome.AlreadyInState, null, AlertKind.System, 1),
            strict.Decommission(pack.Build(), pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, Given.Now.AddHours(-2)));
        Assert.Equal(new Decision(Outcome.AlreadyInState, null, null, 1),
            patient.Decommission(pack.Build(), pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, Given.Now));
        Assert.Equal(new Decision(Outcome.AlreadyInState, null, AlertKind.System, 1),
            Given.Rules.Decommission(pack.Build(), pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, Given.Now));
    }

    [Fact]
    public void The_default_policy_is_the_legal_and_national_one()
    {
        var policy = new PackRulesPolicy();

        Assert.Equal(TimeSpan.FromDays(10), policy.UndoWindow);
        Assert.Equal(TimeSpan.FromMinutes(30), policy.DoubleScanWindow);
        Assert.Equal(3, policy.DoubleScanTolerance);
        Assert.Same(policy, new PackRules(policy).Policy);
    }
}
