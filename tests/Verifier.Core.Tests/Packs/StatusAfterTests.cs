using Verifier.Core.Packs;

namespace Verifier.Core.Tests.Packs;

/// <summary>
/// A response always carries the pack state and the reason (domain.md section 4). Reason precedence:
/// withdrawn, recalled, the pack's own state, expired.
/// </summary>
public sealed class StatusAfterTests
{
    private static readonly Decision Unchanged = new(Outcome.Success, null, null);

    public static TheoryData<bool, bool, bool, PackState> EveryCombination
    {
        get
        {
            var data = new TheoryData<bool, bool, bool, PackState>();
            foreach (var withdrawn in new[] { false, true })
            foreach (var recalled in new[] { false, true })
            foreach (var expired in new[] { false, true })
            foreach (var state in Enum.GetValues<PackState>())
                data.Add(withdrawn, recalled, expired, state);
            return data;
        }
    }

    private static InactiveReason Expected(bool withdrawn, bool recalled, bool expired, PackState state) =>
        withdrawn ? InactiveReason.Withdrawn
        : recalled ? InactiveReason.Recalled
        : state != PackState.Active ? Enum.Parse<InactiveReason>(state.ToString())
        : expired ? InactiveReason.Expired
        : InactiveReason.None;

    private static PackViewBuilder Build(bool withdrawn, bool recalled, bool expired, PackState state)
    {
        var pack = Given.PackIn(state, Given.Now.AddDays(-1));
        if (withdrawn) pack.With(Inherited.Withdrawn);
        if (recalled) pack.With(Inherited.Recalled);
        if (expired) pack.With(Inherited.Expired);
        return pack;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void The_reason_follows_the_precedence_and_the_state_is_the_packs_own(bool withdrawn, bool recalled, bool expired, PackState state)
    {
        var reason = Expected(withdrawn, recalled, expired, state);

        var status = Given.Rules.StatusAfter(Build(withdrawn, recalled, expired, state).Build(), Unchanged, Given.Now);

        Assert.Equal(new PackStatus(reason == InactiveReason.None, state, reason), status);
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void The_new_state_of_the_decision_replaces_the_stored_one(bool withdrawn, bool recalled, bool expired, PackState newState)
    {
        var view = Build(withdrawn, recalled, expired, PackState.Active).Build();
        var reason = Expected(withdrawn, recalled, expired, newState);

        var status = Given.Rules.StatusAfter(view, new Decision(Outcome.Success, newState, null), Given.Now);

        Assert.Equal(new PackStatus(reason == InactiveReason.None, newState, reason), status);
    }

    [Fact]
    public void A_reverted_pack_is_active_again()
    {
        var view = Given.PackIn(PackState.Supplied, Given.Now.AddHours(-1)).Build();

        var status = Given.Rules.StatusAfter(view, new Decision(Outcome.Success, PackState.Active, null), Given.Now);

        Assert.Equal(new PackStatus(true, PackState.Active, InactiveReason.None), status);
    }

    [Theory]
    [InlineData("271100", "2027-11-30T23:59:59+00:00", true)]
    [InlineData("271100", "2027-12-01T00:00:00+00:00", false)]
    [InlineData("271115", "2027-11-15T23:59:59+00:00", true)]
    [InlineData("271115", "2027-11-16T00:00:00+00:00", false)]
    public void An_active_pack_is_expired_the_day_after_its_expiry(string expiry, string now, bool active)
    {
        var view = Given.ActivePack().Expiring(expiry).Build();

        var status = Given.Rules.StatusAfter(view, Unchanged, DateTimeOffset.Parse(now));

        Assert.Equal(new PackStatus(active, PackState.Active, active ? InactiveReason.None : InactiveReason.Expired), status);
    }

    public static TheoryData<IdentityCase> EveryUnknownPart =>
        [IdentityCase.ProductUnknown, IdentityCase.BatchAndSerialUnknown, IdentityCase.SerialUnknown];

    [Theory]
    [MemberData(nameof(EveryUnknownPart))]
    public void A_view_without_product_or_pack_has_unknown_status(IdentityCase identity)
    {
        var view = Given.ActivePack().Identity(identity).Build();

        Assert.Same(PackStatus.Unknown, Given.Rules.StatusAfter(view, Unchanged, Given.Now));
        Assert.Same(PackStatus.Unknown, Given.Rules.StatusAfter(view, new Decision(Outcome.Success, PackState.Supplied, null), Given.Now));
    }

    [Fact]
    public void A_view_missing_any_of_product_pack_or_pack_batch_has_unknown_status()
    {
        var view = Given.ActivePack().Build();

        Assert.Same(PackStatus.Unknown, Given.Rules.StatusAfter(view with { Product = null }, Unchanged, Given.Now));
        Assert.Same(PackStatus.Unknown, Given.Rules.StatusAfter(view with { Pack = null }, Unchanged, Given.Now));
        Assert.Same(PackStatus.Unknown, Given.Rules.StatusAfter(view with { PackBatch = null }, Unchanged, Given.Now));
        Assert.Same(PackStatus.Unknown, Given.Rules.StatusAfter(PackView.Unknown, Unchanged, Given.Now));
    }

    [Theory]
    [InlineData(Outcome.BatchMismatch)]
    [InlineData(Outcome.ExpiryMismatch)]
    public void A_scan_that_does_not_match_the_stored_pack_reveals_no_status(Outcome mismatch)
    {
        var view = Given.ActivePack().Build();

        Assert.Same(PackStatus.Unknown, Given.Rules.StatusAfter(view, new Decision(mismatch, null, Core.Alerts.AlertKind.System), Given.Now));
    }

    [Fact]
    public void The_unknown_status_is_inactive_without_state_or_reason()
    {
        Assert.Equal(new PackStatus(false, null, null), PackStatus.Unknown);
    }

    [Fact]
    public void A_serial_under_another_batch_reports_the_status_of_its_own_batch()
    {
        var view = Given.ActivePack().Identity(IdentityCase.SerialUnderAnotherBatch).Recalled().Build();

        // The scanned batch is recalled; the pack's own batch is not.
        Assert.Equal(new PackStatus(true, PackState.Active, InactiveReason.None), Given.Rules.StatusAfter(view, Unchanged, Given.Now));
    }
}
