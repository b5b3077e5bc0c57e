using Verifier.Core.Access;
using Verifier.Core.Packs;

namespace Verifier.Core.Tests.Access;

/// <summary>Who may do what: domain.md section 4's "set by" column, and the operator's administration.</summary>
public sealed class PermissionsTests
{
    private static readonly Dictionary<ClientRole, DecommissionReason[]> SetBy = new()
    {
        [ClientRole.Pharmacy] = [DecommissionReason.Supplied, DecommissionReason.Destroyed, DecommissionReason.Locked],
        [ClientRole.Hospital] = [DecommissionReason.Supplied, DecommissionReason.Destroyed, DecommissionReason.Locked],
        [ClientRole.Wholesaler] =
        [
            DecommissionReason.Exported, DecommissionReason.Destroyed, DecommissionReason.Sample,
            DecommissionReason.Locked, DecommissionReason.Stolen, DecommissionReason.CheckedOut,
        ],
        [ClientRole.Mah] = [DecommissionReason.Destroyed, DecommissionReason.FreeSample, DecommissionReason.Locked, DecommissionReason.Stolen],
        [ClientRole.Operator] = [DecommissionReason.Locked],
    };

    private static readonly ClientRole[] Everyone = Enum.GetValues<ClientRole>();

    private static readonly Dictionary<Operation, ClientRole[]> AllowedTo = new()
    {
        [Operation.Verify] = Everyone,
        [Operation.Decommission] = Everyone,
        [Operation.Undo] = Everyone,
        [Operation.FlagSuspect] = [ClientRole.Pharmacy, ClientRole.Hospital, ClientRole.Wholesaler, ClientRole.Operator],
        [Operation.PackHistory] = Everyone,
        [Operation.ListAlerts] = Everyone,
        [Operation.UpdateAlert] = [ClientRole.Operator],
        [Operation.ManageMasterData] = [ClientRole.Mah, ClientRole.Operator],
        [Operation.ManageClients] = [ClientRole.Operator],
    };

    public static TheoryData<ClientRole, DecommissionReason, bool> EveryRoleAndReason
    {
        get
        {
            var data = new TheoryData<ClientRole, DecommissionReason, bool>();
            foreach (var role in Enum.GetValues<ClientRole>())
            foreach (var reason in Enum.GetValues<DecommissionReason>())
                data.Add(role, reason, SetBy[role].Contains(reason));
            return data;
        }
    }

    public static TheoryData<ClientRole, Operation, bool> EveryRoleAndOperation
    {
        get
        {
            var data = new TheoryData<ClientRole, Operation, bool>();
            foreach (var role in Enum.GetValues<ClientRole>())
            foreach (var operation in Enum.GetValues<Operation>())
                data.Add(role, operation, AllowedTo[operation].Contains(role));
            return data;
        }
    }

    public static TheoryData<ClientRole> EveryRole => [.. Enum.GetValues<ClientRole>()];

    [Theory]
    [MemberData(nameof(EveryRoleAndReason))]
    public void A_role_may_decommission_and_undo_exactly_the_states_it_sets(ClientRole role, DecommissionReason reason, bool allowed)
    {
        Assert.Equal(allowed, Permissions.Allows(role, reason));
    }

    [Theory]
    [MemberData(nameof(EveryRoleAndOperation))]
    public void A_role_may_ask_for_exactly_its_operations(ClientRole role, Operation operation, bool allowed)
    {
        Assert.Equal(allowed, Permissions.Allows(role, operation));
    }

    [Theory]
    [MemberData(nameof(EveryRole))]
    public void Every_role_that_may_decommission_has_at_least_one_reason(ClientRole role)
    {
        Assert.Equal(
            Permissions.Allows(role, Operation.Decommission),
            Enum.GetValues<DecommissionReason>().Any(reason => Permissions.Allows(role, reason)));
    }

    [Theory]
    [MemberData(nameof(EveryRole))]
    public void Every_role_may_lock_and_verify(ClientRole role)
    {
        Assert.True(Permissions.Allows(role, DecommissionReason.Locked));
        Assert.True(Permissions.Allows(role, Operation.Verify));
    }

    [Fact]
    public void A_mah_cannot_dispense()
    {
        Assert.False(Permissions.Allows(ClientRole.Mah, DecommissionReason.Supplied));
    }

    [Fact]
    public void A_pharmacy_cannot_manage_master_data()
    {
        Assert.False(Permissions.Allows(ClientRole.Pharmacy, Operation.ManageMasterData));
    }

    [Fact]
    public void Only_pharmacies_and_hospitals_dispense_and_only_wholesalers_export()
    {
        Assert.Equal([ClientRole.Pharmacy, ClientRole.Hospital], Everyone.Where(r => Permissions.Allows(r, DecommissionReason.Supplied)));
        Assert.Equal([ClientRole.Wholesaler], Everyone.Where(r => Permissions.Allows(r, DecommissionReason.Exported)));
        Assert.Equal([ClientRole.Mah], Everyone.Where(r => Permissions.Allows(r, DecommissionReason.FreeSample)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public void An_undefined_role_may_decommission_nothing(int undefined)
    {
        Assert.All(Enum.GetValues<DecommissionReason>(), reason => Assert.False(Permissions.Allows((ClientRole)undefined, reason)));
    }

    [Theory]
    [MemberData(nameof(EveryRole))]
    public void An_undefined_operation_is_refused(ClientRole role)
    {
        Assert.False(Permissions.Allows(role, (Operation)99));
    }
}
