using Verifier.Core.Packs;

namespace Verifier.Core.Tests.Packs;

/// <summary>A status check never changes a pack and never alerts on a merely inactive pack (Art 36(f)).</summary>
public sealed class VerifyTests
{
    public static TheoryData<PackState> EveryState => [.. Enum.GetValues<PackState>()];
    public static TheoryData<PackState> EveryInactiveState => [.. Given.InactiveStates];
    public static TheoryData<PackState, Inherited> EveryStateAndInheritedReason =>
        IdentityOutcomeTests.Cross(Enum.GetValues<PackState>(), Enum.GetValues<Inherited>());

    [Fact]
    public void An_active_pack_verifies_successfully_without_alert()
    {
        var pack = Given.ActivePack();

        Assert.Equal(new Decision(Outcome.Success, null, null), Given.Rules.Verify(pack.Build(), pack.Scan(), Given.Now));
    }

    [Theory]
    [MemberData(nameof(EveryInactiveState))]
    public void A_pack_inactive_in_its_own_state_verifies_successfully_without_alert(PackState state)
    {
        var pack = Given.PackIn(state, Given.Now.AddDays(-3));

        Assert.Equal(new Decision(Outcome.Success, null, null), Given.Rules.Verify(pack.Build(), pack.Scan(), Given.Now));
    }

    [Theory]
    [MemberData(nameof(EveryStateAndInheritedReason))]
    public void An_inherited_reason_is_answered_without_alert_whatever_the_pack_state(PackState state, Inherited inherited)
    {
        var pack = Given.PackIn(state, Given.Now.AddDays(-3)).With(inherited);
        var expected = inherited switch
        {
            Inherited.Withdrawn => Outcome.ProductWithdrawn,
            Inherited.Recalled => Outcome.BatchRecalled,
            _ => Outcome.PackExpired,
        };

        Assert.Equal(new Decision(expected, null, null), Given.Rules.Verify(pack.Build(), pack.Scan(), Given.Now));
    }

    [Theory]
    [InlineData(false, false, false, Outcome.Success)]
    [InlineData(false, false, true, Outcome.PackExpired)]
    [InlineData(false, true, false, Outcome.BatchRecalled)]
    [InlineData(false, true, true, Outcome.BatchRecalled)]
    [InlineData(true, false, false, Outcome.ProductWithdrawn)]
    [InlineData(true, false, true, Outcome.ProductWithdrawn)]
    [InlineData(true, true, false, Outcome.ProductWithdrawn)]
    [InlineData(true, true, true, Outcome.ProductWithdrawn)]
    public void Withdrawn_outranks_recalled_which_outranks_expired(bool withdrawn, bool recalled, bool expired, Outcome expected)
    {
        var pack = Given.ActivePack();
        if (withdrawn) pack.With(Inherited.Withdrawn);
        if (recalled) pack.With(Inherited.Recalled);
        if (expired) pack.With(Inherited.Expired);

        Assert.Equal(new Decision(expected, null, null), Given.Rules.Verify(pack.Build(), pack.Scan(), Given.Now));
    }

    [Theory]
    [MemberData(nameof(EveryStateAndInheritedReason))]
    public void Verify_never_changes_the_pack(PackState state, Inherited inherited)
    {
        var plain = Given.PackIn(state, Given.Now.AddMinutes(-1));
        var inheriting = Given.PackIn(state, Given.Now.AddMinutes(-1)).With(inherited);

        var decisions = new[]
        {
            Given.Rules.Verify(plain.Build(), plain.Scan(), Given.Now),
            Given.Rules.Verify(inheriting.Build(), inheriting.Scan(), Given.Now),
        };

        Assert.All(decisions, d => Assert.False(d.ChangesPack));
        Assert.All(decisions, d => Assert.Null(d.NewState));
    }

    [Theory]
    // DD = 00: valid through the last day of that month (leap years included).
    [InlineData("270200", "2027-02-28T23:59:59.9999999+00:00", Outcome.Success)]
    [InlineData("270200", "2027-03-01T00:00:00+00:00", Outcome.PackExpired)]
    [InlineData("280200", "2028-02-29T23:59:59+00:00", Outcome.Success)]
    [InlineData("280200", "2028-03-01T00:00:00+00:00", Outcome.PackExpired)]
    [InlineData("271100", "2027-11-30T12:00:00+00:00", Outcome.Success)]
    [InlineData("271100", "2027-12-01T00:00:00+00:00", Outcome.PackExpired)]
    [InlineData("271200", "2027-12-31T23:59:59+00:00", Outcome.Success)]
    [InlineData("271200", "2028-01-01T00:00:00+00:00", Outcome.PackExpired)]
    // An explicit day: valid through that day.
    [InlineData("271215", "2027-12-15T00:00:00+00:00", Outcome.Success)]
    [InlineData("271215", "2027-12-15T23:59:59+00:00", Outcome.Success)]
    [InlineData("271215", "2027-12-16T00:00:00+00:00", Outcome.PackExpired)]
    [InlineData("270131", "2027-01-31T23:59:59+00:00", Outcome.Success)]
    [InlineData("270131", "2027-02-01T00:00:00+00:00", Outcome.PackExpired)]
    public void A_pack_is_valid_through_the_last_day_of_its_expiry(string expiry, string now, Outcome expected)
    {
        var pack = Given.ActivePack().Expiring(expiry);

        Assert.Equal(expected, Given.Rules.Verify(pack.Build(), pack.Scan(), DateTimeOffset.Parse(now)).Outcome);
    }

    [Theory]
    [InlineData("ABCDEF")]
    [InlineData("271301")]
    [InlineData("270230")]
    [InlineData("27123")]
    public void A_stored_expiry_that_cannot_be_read_counts_as_expired(string expiry)
    {
        var pack = Given.ActivePack().Expiring(expiry);

        Assert.Equal(new Decision(Outcome.PackExpired, null, null), Given.Rules.Verify(pack.Build(), pack.Scan(), Given.Now));
    }
}

/// <summary>Expiry is a calendar date of the market, not of UTC.</summary>
public sealed class MarketDateTests
{
    private static readonly PackRules Berlin = new(new PackRulesPolicy { MarketTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin") });

    [Fact]
    public void Half_past_midnight_in_the_market_after_the_last_day_is_expired_though_utc_is_still_on_it()
    {
        var pack = Given.ActivePack().Expiring("261215");
        var halfPastMidnightInBerlin = new DateTimeOffset(2026, 12, 15, 23, 30, 0, TimeSpan.Zero); // 00:30 on the 16th, CET

        Assert.Equal(Outcome.PackExpired, Berlin.Verify(pack.Build(), pack.Scan(), halfPastMidnightInBerlin).Outcome);
        Assert.Equal(Outcome.Success, Given.Rules.Verify(pack.Build(), pack.Scan(), halfPastMidnightInBerlin).Outcome);
    }
}
