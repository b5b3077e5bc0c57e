using Verifier.Core.Alerts;
using Verifier.Core.Packs;

namespace Verifier.Core.Tests.Packs;

/// <summary>A reported suspicion always alerts; a genuine-looking active pack is also quarantined.</summary>
public sealed class FlagSuspectTests
{
    public static TheoryData<PackState> EveryInactiveState => [.. Given.InactiveStates];
    public static TheoryData<PackState, Inherited> EveryStateAndInheritedReason =>
        IdentityOutcomeTests.Cross(Enum.GetValues<PackState>(), Enum.GetValues<Inherited>());

    [Fact]
    public void An_active_pack_is_locked_and_a_reported_alert_raised()
    {
        var pack = Given.ActivePack();

        var decision = Given.Rules.FlagSuspect(pack.Build(), pack.Scan(), Given.Now);

        Assert.Equal(new Decision(Outcome.Success, PackState.Locked, AlertKind.Reported, InvestigationLock: true), decision);
        Assert.True(decision.ChangesPack);
    }

    [Theory]
    [MemberData(nameof(EveryInactiveState))]
    public void An_inactive_pack_keeps_its_state_and_a_reported_alert_is_raised(PackState state)
    {
        var pack = Given.PackIn(state, Given.Now.AddDays(-1));

        var decision = Given.Rules.FlagSuspect(pack.Build(), pack.Scan(), Given.Now);

        Assert.Equal(new Decision(Outcome.Success, null, AlertKind.Reported), decision);
        Assert.False(decision.ChangesPack);
    }

    [Theory]
    [MemberData(nameof(EveryStateAndInheritedReason))]
    public void A_pack_with_an_inherited_reason_keeps_its_state_and_a_reported_alert_is_raised(PackState state, Inherited inherited)
    {
        var pack = Given.PackIn(state, Given.Now.AddDays(-1)).With(inherited);

        Assert.Equal(new Decision(Outcome.Success, null, AlertKind.Reported), Given.Rules.FlagSuspect(pack.Build(), pack.Scan(), Given.Now));
    }
}
