using Verifier.Core.Packs;

namespace Verifier.Storage.Sqlite;

#pragma warning disable IDE1006 // Column names, as Dapper maps them.
internal sealed class AuditRow
{
    public long seq { get; init; }
    public string system_tx_id { get; init; } = "";
    public string? client_tx_id { get; init; }
    public string? request_hash { get; init; }
    public long at { get; init; }
    public string client_id { get; init; } = "";
    public string? user_id { get; init; }
    public string location_id { get; init; } = "";
    public string operation { get; init; } = "";
    public long? outcome { get; init; }
    public string? product_code { get; init; }
    public string? serial { get; init; }
    public string? batch { get; init; }
    public string? expiry { get; init; }
    public long? state_before { get; init; }
    public long? state_after { get; init; }
    public long? reason { get; init; }
    public long active { get; init; }
    public string? alert_id { get; init; }
    public long repeat_count { get; init; }
    public string? note { get; init; }
    public long? performed_at { get; init; }

    public AuditRecord ToRecord() => new(
        system_tx_id, client_tx_id, DateTimeOffset.FromUnixTimeMilliseconds(at), client_id, user_id, location_id, operation,
        (Outcome?)outcome, product_code, serial, batch, expiry, (PackState?)state_before, (PackState?)state_after,
        (InactiveReason?)reason, active != 0, alert_id, (int)repeat_count, note,
        performed_at is { } performed ? DateTimeOffset.FromUnixTimeMilliseconds(performed) : null);
}
#pragma warning restore IDE1006
