using Google.Protobuf.WellKnownTypes;
using Verifier.Core.Packs;
using Verifier.Storage;
using V1 = Verifier.V1;

namespace Verifier.Server.Packs;

/// <summary>Audit record → wire result. A replayed answer is built from the same stored record, so it is the original answer.</summary>
internal static class PackResultMapping
{
    public static V1.PackResult ToResult(this AuditRecord audit)
    {
        var outcome = audit.Outcome ?? throw new ArgumentException("A refused request has no pack result.", nameof(audit));
        var message = outcome.DefaultMessage();
        if (audit.Reason is { } reason && reason != InactiveReason.None) message += $" The pack is inactive ({reason}).";
        return new V1.PackResult
        {
            ClientTransactionId = audit.ClientTransactionId ?? "",
            SystemTransactionId = audit.SystemTransactionId,
            Timestamp = Timestamp.FromDateTimeOffset(audit.Timestamp),
            Outcome = (V1.Outcome)(int)outcome,
            NationalCode = outcome.NationalCode(),
            Message = message,
            Pack = new V1.PackFields
            {
                ProductCode = audit.ProductCode ?? "",
                SerialNumber = audit.SerialNumber ?? "",
                Batch = audit.Batch ?? "",
                Expiry = audit.Expiry ?? "",
            },
            // No reason means the scan matched no stored pack: its status is not ours to tell.
            Status = audit.Reason is not null && audit.StateAfter is { } state
                ? new V1.PackStatus
                {
                    Active = audit.Active,
                    State = (V1.PackState)(int)state,
                    Reason = (V1.InactiveReason)(int)(audit.Reason ?? InactiveReason.None),
                }
                : new V1.PackStatus(),
            AlertId = audit.AlertId ?? "",
            RepeatCount = audit.RepeatCount,
            PerformedAt = PerformedAt(audit),
        };
    }

    public static V1.AuditEntry ToEntry(this AuditRecord audit) => new()
    {
        SystemTransactionId = audit.SystemTransactionId,
        ClientTransactionId = audit.ClientTransactionId ?? "",
        Timestamp = Timestamp.FromDateTimeOffset(audit.Timestamp),
        ClientId = audit.ClientId,
        UserId = audit.UserId ?? "",
        LocationId = audit.LocationId,
        Operation = audit.Operation,
        Outcome = (V1.Outcome)(int)(audit.Outcome ?? 0),
        StateBefore = (V1.PackState)(int)(audit.StateBefore ?? 0),
        StateAfter = (V1.PackState)(int)(audit.StateAfter ?? 0),
        AlertId = audit.AlertId ?? "",
        Note = audit.Note ?? "",
        PerformedAt = PerformedAt(audit),
    };

    private static Timestamp? PerformedAt(AuditRecord audit) => audit.PerformedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null;

    public static DecommissionReason? ToDomain(this V1.DecommissionReason reason) => reason switch
    {
        V1.DecommissionReason.Supplied => DecommissionReason.Supplied,
        V1.DecommissionReason.Destroyed => DecommissionReason.Destroyed,
        V1.DecommissionReason.Exported => DecommissionReason.Exported,
        V1.DecommissionReason.Sample => DecommissionReason.Sample,
        V1.DecommissionReason.FreeSample => DecommissionReason.FreeSample,
        V1.DecommissionReason.Locked => DecommissionReason.Locked,
        V1.DecommissionReason.Stolen => DecommissionReason.Stolen,
        V1.DecommissionReason.CheckedOut => DecommissionReason.CheckedOut,
        _ => null,
    };
}
