using Dapper;
using Microsoft.Data.Sqlite;

namespace Verifier.Storage.Sqlite;

/// <summary>The one way rows enter the append-only audit table.</summary>
internal static class AuditTrail
{
    public static int Append(SqliteConnection connection, SqliteTransaction transaction, AuditRecord audit, string? requestHash)
    {
        return connection.Execute(
            """
            INSERT INTO audit (system_tx_id, client_tx_id, request_hash, at, client_id, user_id, location_id, operation, outcome,
                product_code, serial, batch, expiry, state_before, state_after, reason, active, alert_id, repeat_count, note)
            VALUES (@SystemTransactionId, @ClientTransactionId, @RequestHash, @At, @ClientId, @UserId, @LocationId, @Operation, @Outcome,
                @ProductCode, @SerialNumber, @Batch, @Expiry, @StateBefore, @StateAfter, @Reason, @Active, @AlertId, @RepeatCount, @Note)
            """,
            audit.Parameters(requestHash),
            transaction);
    }
}
