using Verifier.Core.Packs;

namespace Verifier.Core.Access;

/// <summary>The kinds of clients the national system serves. Numbering matches the wire enum.</summary>
public enum ClientRole
{
    Pharmacy = 1,
    Hospital = 2,
    Wholesaler = 3,
    Mah = 4,
    Operator = 5,
}

/// <summary>The operations a client can ask for, as far as roles gate them.</summary>
public enum Operation
{
    Verify,
    Decommission,
    Undo,
    FlagSuspect,
    PackHistory,
    ListAlerts,
    UpdateAlert,
    ManageMasterData,
    ManageClients,
}

/// <summary>
/// Who may do what (domain.md section 4's "set by" column). Checked once, before any pack is read,
/// so a refused request never touches the store.
/// </summary>
public static class Permissions
{
    public static bool Allows(ClientRole role, Operation operation) => operation switch
    {
        Operation.Verify or Operation.PackHistory or Operation.ListAlerts => true,
        Operation.Decommission or Operation.Undo => true, // gated per reason below
        Operation.FlagSuspect => role is ClientRole.Pharmacy or ClientRole.Hospital or ClientRole.Wholesaler or ClientRole.Operator,
        Operation.UpdateAlert or Operation.ManageClients => role == ClientRole.Operator,
        Operation.ManageMasterData => role is ClientRole.Mah or ClientRole.Operator,
        _ => false,
    };

    /// <summary>Which decommission reasons (and their undo) a role may use.</summary>
    public static bool Allows(ClientRole role, DecommissionReason reason) => role switch
    {
        ClientRole.Pharmacy or ClientRole.Hospital => reason is DecommissionReason.Supplied or DecommissionReason.Destroyed
            or DecommissionReason.Locked,
        ClientRole.Wholesaler => reason is DecommissionReason.Exported or DecommissionReason.Destroyed or DecommissionReason.Sample
            or DecommissionReason.Locked or DecommissionReason.Stolen or DecommissionReason.CheckedOut,
        ClientRole.Mah => reason is DecommissionReason.Destroyed or DecommissionReason.FreeSample
            or DecommissionReason.Locked or DecommissionReason.Stolen,
        ClientRole.Operator => reason == DecommissionReason.Locked,
        _ => false,
    };
}
