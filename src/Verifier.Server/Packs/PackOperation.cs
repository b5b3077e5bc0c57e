using Verifier.Core.Access;
using Verifier.Core.Packs;

namespace Verifier.Server.Packs;

/// <summary>
/// One pack request as the service understands it, whatever RPC it came through.
/// <see cref="NamedBySerialOnly"/>: an owner's list of serials (MAH pack states), not a scan.
/// <see cref="PerformedAt"/>: when a deferred operation (DR Art 29) was performed; null for one performed now.
/// </summary>
internal sealed record PackOperation(
    Operation Kind,
    string ClientTransactionId,
    ScannedPack Scan,
    DecommissionReason? Reason,
    string? UserId,
    string? Note,
    bool NamedBySerialOnly = false,
    DateTimeOffset? PerformedAt = null)
{
    /// <summary>The audit trail's name for it, e.g. "decommission:supplied".</summary>
    public string Name => Kind switch
    {
        Operation.Verify => "verify",
        Operation.Decommission => "decommission:" + Reason!.Value.Name(),
        Operation.Undo => "undo:" + Reason!.Value.Name(),
        Operation.FlagSuspect => "flag-suspect",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
