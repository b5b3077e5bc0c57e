using Dapper;
using Microsoft.Data.SqlClient;
using Verifier.Core.Packs;

namespace Verifier.Storage.SqlServer;

/// <summary>The one way rows enter the append-only audit table, and how they are read back.</summary>
internal static class SqlServerAuditTrail
{
    internal const string AppendSql =
        """
        INSERT INTO audit (system_tx_id, client_tx_id, request_hash, at, client_id, user_id, location_id, operation, outcome,
            product_code, serial, batch, expiry, state_before, state_after, reason, active, alert_id, repeat_count, note, performed_at)
        VALUES (@SystemTransactionId, @ClientTransactionId, @RequestHash, @At, @ClientId, @UserId, @LocationId, @Operation, @Outcome,
            @ProductCode, @SerialNumber, @Batch, @Expiry, @StateBefore, @StateAfter, @Reason, @Active, @AlertId, @RepeatCount, @Note, @PerformedAt);
        """;

    /// <summary>Duplicate key in a unique index (2601) or constraint (2627).</summary>
    public static bool IsDuplicateKey(SqlException exception) => exception.Number is 2601 or 2627;

    public static Task<int> AppendAsync(
        SqlConnection connection, SqlTransaction transaction, AuditRecord audit, string? requestHash, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(AppendSql, audit.Parameters(requestHash), transaction, cancellationToken: cancellationToken));

    /// <summary>The audit row of a master data operation (upload, recall, withdraw, product upsert), as SQLite writes it.</summary>
    public static Task<int> AppendMasterDataAsync(
        SqlConnection connection, SqlTransaction transaction, TransactionContext context, string operation,
        string productCode, string? batch, string? expiry, bool active, string? note, CancellationToken cancellationToken) =>
        AppendAsync(connection, transaction,
            AuditRecord.Entry(context, operation, Outcome.Success, productCode, batch: batch, expiry: expiry, active: active, note: note),
            requestHash: null, cancellationToken);
}

#pragma warning disable IDE1006 // Column names and SQL Server types, as Dapper maps them.
internal sealed class SqlServerAuditRow
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
    public int? outcome { get; init; }
    public string? product_code { get; init; }
    public string? serial { get; init; }
    public string? batch { get; init; }
    public string? expiry { get; init; }
    public int? state_before { get; init; }
    public int? state_after { get; init; }
    public int? reason { get; init; }
    public bool active { get; init; }
    public string? alert_id { get; init; }
    public int repeat_count { get; init; }
    public string? note { get; init; }
    public long? performed_at { get; init; }

    public AuditRecord ToRecord() => new(
        system_tx_id, client_tx_id, DateTimeOffset.FromUnixTimeMilliseconds(at), client_id, user_id, location_id, operation,
        (Outcome?)outcome, product_code, serial, batch, expiry, (PackState?)state_before, (PackState?)state_after,
        (InactiveReason?)reason, active, alert_id, repeat_count, note,
        performed_at is { } performed ? DateTimeOffset.FromUnixTimeMilliseconds(performed) : null);
}
#pragma warning restore IDE1006
