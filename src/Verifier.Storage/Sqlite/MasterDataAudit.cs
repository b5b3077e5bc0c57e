using Dapper;
using Microsoft.Data.Sqlite;
using Verifier.Core.Packs;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// The audit row of a master data operation (upload, recall, withdraw, product upsert): the same
/// append-only trail as pack operations (DR Art 35(1)(g)), without a serial.
/// </summary>
internal static class MasterDataAudit
{
    public static void Write(
        SqliteConnection connection, SqliteTransaction transaction, TransactionContext context, string operation,
        string productCode, string? batch, string? expiry, bool active, string? note) =>
        connection.Execute(
            """
            INSERT INTO audit (system_tx_id, client_tx_id, request_hash, at, client_id, user_id, location_id, operation, outcome,
                product_code, serial, batch, expiry, state_before, state_after, reason, active, alert_id, repeat_count, note)
            VALUES (@SystemTransactionId, NULL, NULL, @at, @ClientId, @UserId, @LocationId, @operation, @outcome,
                @productCode, NULL, @batch, @expiry, NULL, NULL, NULL, @active, NULL, 0, @note)
            """,
            new
            {
                context.SystemTransactionId,
                at = context.Timestamp.ToUnixTimeMilliseconds(),
                context.ClientId,
                context.UserId,
                context.LocationId,
                operation,
                outcome = (int)Outcome.Success,
                productCode,
                batch,
                expiry,
                active,
                note,
            },
            transaction);
}
