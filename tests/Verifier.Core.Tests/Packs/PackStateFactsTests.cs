using Verifier.Core.Packs;

namespace Verifier.Core.Tests.Packs;

public sealed class PackStateFactsTests
{
    public static TheoryData<DecommissionReason> EveryReason => [.. Enum.GetValues<DecommissionReason>()];
    public static TheoryData<PackState> EveryState => [.. Enum.GetValues<PackState>()];

    [Theory]
    [MemberData(nameof(EveryReason))]
    public void Each_reason_sets_the_state_of_the_same_name(DecommissionReason reason)
    {
        Assert.Equal(reason.ToString(), reason.ToState().ToString());
        Assert.NotEqual(PackState.Active, reason.ToState());
    }

    [Fact]
    public void Every_inactive_state_has_a_reason()
    {
        Assert.Equal(Given.InactiveStates, Enum.GetValues<DecommissionReason>().Select(r => r.ToState()));
    }

    [Theory]
    [MemberData(nameof(EveryState))]
    public void An_own_state_is_reported_as_the_inactive_reason_of_the_same_name(PackState state)
    {
        // StatusAfter turns a state into its reason by number.
        var reason = (InactiveReason)(int)state;

        Assert.Equal(state == PackState.Active ? nameof(InactiveReason.None) : state.ToString(), reason.ToString());
    }

    [Theory]
    [InlineData(PackState.Active, false)]
    [InlineData(PackState.Supplied, false)]
    [InlineData(PackState.Exported, false)]
    [InlineData(PackState.Destroyed, true)]
    [InlineData(PackState.Sample, false)]
    [InlineData(PackState.FreeSample, false)]
    [InlineData(PackState.Locked, false)]
    [InlineData(PackState.Stolen, true)]
    [InlineData(PackState.CheckedOut, false)]
    public void Only_destroyed_and_stolen_are_irreversible(PackState state, bool irreversible)
    {
        Assert.Equal(irreversible, state.IsIrreversible());
    }

    [Theory]
    [InlineData(DecommissionReason.Supplied, "supplied")]
    [InlineData(DecommissionReason.Exported, "exported")]
    [InlineData(DecommissionReason.Destroyed, "destroyed")]
    [InlineData(DecommissionReason.Sample, "sample")]
    [InlineData(DecommissionReason.FreeSample, "free-sample")]
    [InlineData(DecommissionReason.Locked, "locked")]
    [InlineData(DecommissionReason.Stolen, "stolen")]
    [InlineData(DecommissionReason.CheckedOut, "checked-out")]
    public void Each_reason_has_its_name(DecommissionReason reason, string name)
    {
        Assert.Equal(name, reason.Name());
    }

    [Fact]
    public void An_undefined_reason_has_no_name()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((DecommissionReason)0).Name());
    }
}
