using Verifier.Core.Alerts;
using Verifier.Core.Packs;

namespace Verifier.Core.Tests.Packs;

/// <summary>Revert to active under every condition of DR Art 13 (domain.md section 4).</summary>
public sealed class UndoTests
{
    private static readonly TimeSpan TenDays = TimeSpan.FromDays(10);

    private static readonly Decision Reverted = new(Outcome.Success, PackState.Active, null);

    public static TheoryData<PackState> EveryReversibleState => [.. Given.ReversibleStates];
    public static TheoryData<PackState> EveryReversibleStateButLocked => [.. Given.ReversibleStates.Where(s => s != PackState.Locked)];
    public static TheoryData<PackState, DecommissionReason> EveryIrreversibleStateAndReason =>
        IdentityOutcomeTests.Cross([PackState.Destroyed, PackState.Stolen], Enum.GetValues<DecommissionReason>());
    public static TheoryData<DecommissionReason> EveryReason => [.. Enum.GetValues<DecommissionReason>()];
    public static TheoryData<PackState, Inherited> EveryInactiveStateAndInheritedReason =>
        IdentityOutcomeTests.Cross(Given.InactiveStates, Enum.GetValues<Inherited>());

    public static TheoryData<PackState, DecommissionReason> EveryReversibleStateAndOtherReason
    {
        get
        {
            var data = new TheoryData<PackState, DecommissionReason>();
            foreach (var state in Given.ReversibleStates)
            foreach (var reason in Enum.GetValues<DecommissionReason>().Where(r => r.ToState() != state))
                data.Add(state, reason);
            return data;
        }
    }

    private static Decision Undo(PackViewBuilder pack, DecommissionReason reversed, Requester? by = null, DateTimeOffset? now = null) =>
        Given.Rules.Undo(pack.Build(), pack.Scan(), reversed, by ?? Given.Pharmacy, now ?? Given.Now);

    private static DecommissionReason ReasonFor(PackState state) => (DecommissionReason)(int)state;

    [Theory]
    [MemberData(nameof(EveryReversibleState))]
    public void A_matching_undo_at_the_same_premises_within_ten_days_reverts_to_active(PackState state)
    {
        Assert.Equal(Reverted, Undo(Given.PackIn(state, Given.Now.AddMinutes(-1)), ReasonFor(state)));
        Assert.Equal(Reverted, Undo(Given.PackIn(state, Given.Now.AddDays(-9)), ReasonFor(state)));
        Assert.Equal(Reverted, Undo(Given.PackIn(state, Given.Now), ReasonFor(state)));
    }

    [Theory]
    [MemberData(nameof(EveryReversibleState))]
    public void An_undo_exactly_ten_days_after_decommissioning_is_still_in_time(PackState state)
    {
        Assert.Equal(Reverted, Undo(Given.PackIn(state, Given.Now - TenDays), ReasonFor(state)));
    }

    [Theory]
    [MemberData(nameof(EveryReversibleStateButLocked))]
    public void An_undo_one_tick_after_ten_days_is_too_late_without_alert(PackState state)
    {
        var decision = Undo(Given.PackIn(state, Given.Now - TenDays - TimeSpan.FromTicks(1)), ReasonFor(state));

        Assert.Equal(new Decision(Outcome.UndoTooLate, null, null), decision);
    }

    [Theory]
    [MemberData(nameof(EveryReversibleStateButLocked))]
    public void An_undo_of_a_pack_without_a_decommissioning_time_is_too_late(PackState state)
    {
        Assert.Equal(new Decision(Outcome.UndoTooLate, null, null), Undo(Given.ActivePack().In(state, at: null), ReasonFor(state)));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(365)]
    [InlineData(3650)]
    public void Lifting_a_lock_has_no_time_limit(int daysLocked)
    {
        Assert.Equal(Reverted, Undo(Given.PackIn(PackState.Locked, Given.Now.AddDays(-daysLocked)), DecommissionReason.Locked));
    }

    [Fact]
    public void Lifting_a_lock_without_a_locking_time_is_allowed()
    {
        Assert.Equal(Reverted, Undo(Given.ActivePack().In(PackState.Locked, at: null), DecommissionReason.Locked));
    }

    [Theory]
    [MemberData(nameof(EveryIrreversibleStateAndReason))]
    public void A_destroyed_or_stolen_pack_can_never_be_reverted(PackState state, DecommissionReason reversed)
    {
        // Naming the pack's own state: refused as irreversible. Naming another: a mismatched undo (A24), alerted.
        var expected = reversed.ToState() == state
            ? new Decision(Outcome.UndoIrreversible, null, null)
            : new Decision(Outcome.UndoStateMismatch, null, AlertKind.System);
        Assert.Equal(expected, Undo(Given.PackIn(state, Given.Now.AddMinutes(-1)), reversed));
        Assert.Equal(expected, Undo(Given.PackIn(state, Given.Now.AddMinutes(-1)), reversed, Given.OtherPharmacy));
        Assert.Equal(expected, Undo(Given.PackIn(state, Given.Now.AddDays(-30)), reversed));
    }

    [Fact]
    public void A_lock_from_a_reported_suspicion_is_lifted_by_the_operator_only()
    {
        var reported = Given.ActivePack().In(PackState.Locked, Given.Now.AddMinutes(-1), new Requester(Given.Pharmacy.ClientId, PackRules.InvestigationPremises));
        var operatorRequester = new Requester("nmvo", "NMVO", Core.Access.ClientRole.Operator);

        Assert.Equal(new Decision(Outcome.UndoOtherLocation, null, null), Undo(reported, DecommissionReason.Locked, Given.Pharmacy));
        Assert.Equal(Reverted, Undo(reported, DecommissionReason.Locked, operatorRequester));
        Assert.Equal(Reverted, Undo(Given.ActivePack().In(PackState.Locked, Given.Now.AddDays(-400), new Requester(Given.Pharmacy.ClientId, PackRules.InvestigationPremises)),
            DecommissionReason.Locked, operatorRequester));
    }

    [Theory]
    [MemberData(nameof(EveryReversibleStateAndOtherReason))]
    public void An_undo_that_does_not_match_the_state_raises_an_alert(PackState state, DecommissionReason reversed)
    {
        Assert.Equal(new Decision(Outcome.UndoStateMismatch, null, AlertKind.System),
            Undo(Given.PackIn(state, Given.Now.AddMinutes(-1)), reversed));
    }

    [Fact]
    public void Undoing_a_dispense_on_an_exported_pack_is_refused_with_alert()
    {
        Assert.Equal(new Decision(Outcome.UndoStateMismatch, null, AlertKind.System),
            Undo(Given.PackIn(PackState.Exported, Given.Now.AddMinutes(-1)), DecommissionReason.Supplied));
    }

    [Theory]
    [MemberData(nameof(EveryReversibleState))]
    public void An_undo_from_other_premises_is_refused_without_alert(PackState state)
    {
        Assert.Equal(new Decision(Outcome.UndoOtherLocation, null, null),
            Undo(Given.PackIn(state, Given.Now.AddMinutes(-1)), ReasonFor(state), Given.OtherPharmacy));
    }

    // DR Art 13 / domain.md s.4: same authorisation AND same premises.
    [Fact]
    public void An_undo_by_a_client_with_another_authorisation_at_the_same_premises_is_refused()
    {
        var otherAuthorisation = new Requester("hospital-9", Given.Pharmacy.LocationId);

        Assert.Equal(new Decision(Outcome.UndoOtherLocation, null, null),
            Undo(Given.PackIn(PackState.Supplied, Given.Now.AddMinutes(-1)), DecommissionReason.Supplied, otherAuthorisation));
    }

    [Theory]
    [MemberData(nameof(EveryReason))]
    public void An_active_pack_has_nothing_to_undo(DecommissionReason reversed)
    {
        Assert.Equal(new Decision(Outcome.NotDecommissioned, null, null), Undo(Given.ActivePack(), reversed));
    }

    [Theory]
    [MemberData(nameof(EveryInactiveStateAndInheritedReason))]
    public void A_pack_with_an_inherited_reason_is_never_reverted_and_never_alerts(PackState state, Inherited inherited)
    {
        var expected = inherited switch
        {
            Inherited.Withdrawn => Outcome.ProductWithdrawn,
            Inherited.Recalled => Outcome.BatchRecalled,
            _ => Outcome.PackExpired,
        };
        var pack = Given.PackIn(state, Given.Now.AddMinutes(-1)).With(inherited);

        foreach (var reversed in Enum.GetValues<DecommissionReason>())
        {
            Assert.Equal(new Decision(expected, null, null), Undo(pack, reversed));
        }
    }

    public static TheoryData<string, PackViewBuilder, DecommissionReason, Requester, Decision> OrderOfChecks => new()
    {
        {
            "inherited beats nothing-to-undo",
            Given.ActivePack().Recalled(), DecommissionReason.Supplied, Given.Pharmacy,
            new Decision(Outcome.BatchRecalled, null, null)
        },
        {
            "inherited beats irreversible",
            Given.PackIn(PackState.Destroyed, Given.Now.AddMinutes(-1)).Withdrawn(), DecommissionReason.Destroyed, Given.Pharmacy,
            new Decision(Outcome.ProductWithdrawn, null, null)
        },
        {
            "inherited beats mismatch",
            Given.PackIn(PackState.Supplied, Given.Now.AddMinutes(-1)).With(Inherited.Expired), DecommissionReason.Exported, Given.Pharmacy,
            new Decision(Outcome.PackExpired, null, null)
        },
        {
            "mismatch beats irreversible",
            Given.PackIn(PackState.Destroyed, Given.Now.AddMinutes(-1)), DecommissionReason.Supplied, Given.Pharmacy,
            new Decision(Outcome.UndoStateMismatch, null, AlertKind.System)
        },
        {
            "irreversible beats other location and too late",
            Given.PackIn(PackState.Stolen, Given.Now.AddDays(-20)), DecommissionReason.Stolen, Given.OtherPharmacy,
            new Decision(Outcome.UndoIrreversible, null, null)
        },
        {
            "mismatch beats other location",
            Given.PackIn(PackState.Exported, Given.Now.AddMinutes(-1)), DecommissionReason.Supplied, Given.OtherPharmacy,
            new Decision(Outcome.UndoStateMismatch, null, AlertKind.System)
        },
        {
            "mismatch beats too late",
            Given.PackIn(PackState.Exported, Given.Now.AddDays(-20)), DecommissionReason.Supplied, Given.Pharmacy,
            new Decision(Outcome.UndoStateMismatch, null, AlertKind.System)
        },
        {
            "other location beats too late",
            Given.PackIn(PackState.Supplied, Given.Now.AddDays(-20)), DecommissionReason.Supplied, Given.OtherPharmacy,
            new Decision(Outcome.UndoOtherLocation, null, null)
        },
        {
            "other location applies to a lock too",
            Given.PackIn(PackState.Locked, Given.Now.AddDays(-20)), DecommissionReason.Locked, Given.OtherPharmacy,
            new Decision(Outcome.UndoOtherLocation, null, null)
        },
    };

    [Theory]
    [MemberData(nameof(OrderOfChecks))]
    public void The_checks_run_in_order(string rule, PackViewBuilder pack, DecommissionReason reversed, Requester by, Decision expected)
    {
        Assert.True(rule.Length > 0);
        Assert.Equal(expected, Undo(pack, reversed, by));
    }

    [Fact]
    public void The_policy_sets_the_undo_window()
    {
        var strict = new PackRules(new PackRulesPolicy { UndoWindow = TimeSpan.FromDays(1) });
        var pack = Given.PackIn(PackState.Supplied, Given.Now.AddDays(-2));

        Assert.Equal(new Decision(Outcome.UndoTooLate, null, null),
            strict.Undo(pack.Build(), pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, Given.Now));
        Assert.Equal(Reverted, Given.Rules.Undo(pack.Build(), pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, Given.Now));
    }
}
