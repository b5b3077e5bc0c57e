using Microsoft.Data.Sqlite;

namespace Verifier.Storage.Sqlite;

/// <summary>The one way rows enter the append-only audit table.</summary>
internal static class AuditTrail
{
    private const string InsertSql =
        """
        INSERT INTO audit (system_tx_id, client_tx_id, request_hash, at, client_id, user_id, location_id, operation, outcome,
            product_code, serial, batch, expiry, state_before, state_after, reason, active, alert_id, repeat_count, note, performed_at)
        VALUES ($system_tx_id, $client_tx_id, $request_hash, $at, $client_id, $user_id, $location_id, $operation, $outcome,
            $product_code, $serial, $batch, $expiry, $state_before, $state_after, $reason, $active, $alert_id, $repeat_count, $note, $performed_at)
        """;

    private static readonly string[] Parameters =
    [
        "$system_tx_id", "$client_tx_id", "$request_hash", "$at", "$client_id", "$user_id", "$location_id", "$operation", "$outcome",
        "$product_code", "$serial", "$batch", "$expiry", "$state_before", "$state_after", "$reason", "$active", "$alert_id", "$repeat_count", "$note", "$performed_at",
    ];

    /// <summary>Only on the writer connection (every write goes through the group committer).</summary>
    public static int Append(SqliteConnection connection, SqliteTransaction transaction, AuditRecord audit, string? requestHash) =>
        PreparedStatements.Get(connection, transaction, InsertSql, Parameters).Bind(
            audit.SystemTransactionId, audit.ClientTransactionId, requestHash, audit.Timestamp.ToUnixTimeMilliseconds(), audit.ClientId,
            audit.UserId, audit.LocationId, audit.Operation, (int?)audit.Outcome, audit.ProductCode, audit.SerialNumber, audit.Batch,
            audit.Expiry, (int?)audit.StateBefore, (int?)audit.StateAfter, (int?)audit.Reason, audit.Active ? 1 : 0, audit.AlertId,
            audit.RepeatCount, audit.Note, audit.PerformedAt?.ToUnixTimeMilliseconds()).ExecuteNonQuery();
}
