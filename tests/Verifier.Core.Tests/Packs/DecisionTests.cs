using Verifier.Core.Alerts;
using Verifier.Core.Packs;

namespace Verifier.Core.Tests.Packs;

public sealed class DecisionTests
{
    [Theory]
    [InlineData(null, 0, null, false)]
    [InlineData(null, 0, AlertKind.System, false)]
    [InlineData(null, 0, AlertKind.Reported, false)]
    [InlineData(PackState.Supplied, 0, null, true)]
    [InlineData(PackState.Active, 0, null, true)]
    [InlineData(PackState.Locked, 0, AlertKind.Reported, true)]
    [InlineData(null, 1, null, true)]
    [InlineData(null, 4, AlertKind.System, true)]
    [InlineData(PackState.Supplied, 2, null, true)]
    public void The_pack_row_is_written_for_a_state_change_or_a_double_scan_count(
        PackState? newState, int repeatCount, AlertKind? alert, bool changesPack)
    {
        Assert.Equal(changesPack, new Decision(Outcome.Success, newState, alert, repeatCount).ChangesPack);
    }

    [Fact]
    public void A_decision_counts_no_repeat_unless_told()
    {
        Assert.Equal(0, new Decision(Outcome.Success, null, null).RepeatCount);
    }
}
