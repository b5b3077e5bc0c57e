using Verifier.Core.Alerts;

namespace Verifier.Core.Tests.Alerts;

/// <summary>new → under investigation ⇄ escalated → closed; closed is terminal (domain.md section 5).</summary>
public sealed class AlertLifecycleTests
{
    [Theory]
    [InlineData(AlertStatus.New, AlertStatus.New, false)]
    [InlineData(AlertStatus.New, AlertStatus.UnderInvestigation, true)]
    [InlineData(AlertStatus.New, AlertStatus.Escalated, true)]
    [InlineData(AlertStatus.New, AlertStatus.Closed, true)]
    [InlineData(AlertStatus.UnderInvestigation, AlertStatus.New, false)]
    [InlineData(AlertStatus.UnderInvestigation, AlertStatus.UnderInvestigation, false)]
    [InlineData(AlertStatus.UnderInvestigation, AlertStatus.Escalated, true)]
    [InlineData(AlertStatus.UnderInvestigation, AlertStatus.Closed, true)]
    [InlineData(AlertStatus.Escalated, AlertStatus.New, false)]
    [InlineData(AlertStatus.Escalated, AlertStatus.UnderInvestigation, true)]
    [InlineData(AlertStatus.Escalated, AlertStatus.Escalated, false)]
    [InlineData(AlertStatus.Escalated, AlertStatus.Closed, true)]
    [InlineData(AlertStatus.Closed, AlertStatus.New, false)]
    [InlineData(AlertStatus.Closed, AlertStatus.UnderInvestigation, false)]
    [InlineData(AlertStatus.Closed, AlertStatus.Escalated, false)]
    [InlineData(AlertStatus.Closed, AlertStatus.Closed, false)]
    public void An_investigation_moves_an_alert_only_along_the_life_cycle(AlertStatus from, AlertStatus to, bool allowed)
    {
        Assert.Equal(allowed, AlertLifecycle.CanMove(from, to));
    }

    [Fact]
    public void The_matrix_above_covers_every_status()
    {
        Assert.Equal(
            [AlertStatus.New, AlertStatus.UnderInvestigation, AlertStatus.Escalated, AlertStatus.Closed],
            Enum.GetValues<AlertStatus>());
    }

    public static TheoryData<AlertStatus> EveryStatus => [.. Enum.GetValues<AlertStatus>()];

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void No_status_moves_to_itself(AlertStatus status)
    {
        Assert.False(AlertLifecycle.CanMove(status, status));
    }

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void A_closed_alert_stays_closed_and_nothing_returns_to_new(AlertStatus status)
    {
        Assert.False(AlertLifecycle.CanMove(AlertStatus.Closed, status));
        Assert.False(AlertLifecycle.CanMove(status, AlertStatus.New));
    }

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void Every_open_alert_can_be_closed(AlertStatus status)
    {
        Assert.Equal(status != AlertStatus.Closed, AlertLifecycle.CanMove(status, AlertStatus.Closed));
    }

    [Theory]
    [InlineData(AlertStatus.New, false)]
    [InlineData(AlertStatus.UnderInvestigation, false)]
    [InlineData(AlertStatus.Escalated, false)]
    [InlineData(AlertStatus.Closed, true)]
    public void Only_closing_needs_a_classification(AlertStatus to, bool needed)
    {
        Assert.Equal(needed, AlertLifecycle.NeedsClassification(to));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public void An_undefined_status_never_moves(int undefined)
    {
        foreach (var status in Enum.GetValues<AlertStatus>())
        {
            Assert.False(AlertLifecycle.CanMove((AlertStatus)undefined, status));
            Assert.False(AlertLifecycle.CanMove(status, (AlertStatus)undefined));
        }
    }

    [Fact]
    public void An_alert_closes_as_technical_error_procedural_error_or_confirmed_falsification()
    {
        Assert.Equal(
            [AlertClassification.TechnicalError, AlertClassification.ProceduralError, AlertClassification.ConfirmedFalsification],
            Enum.GetValues<AlertClassification>());
    }
}
