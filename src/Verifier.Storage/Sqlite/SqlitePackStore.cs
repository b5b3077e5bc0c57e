using Dapper;
using Microsoft.Data.Sqlite;
using Verifier.Core.Alerts;
using Verifier.Core.Packs;

namespace Verifier.Storage.Sqlite;

/// <summary>
/// The pack store on SQLite: every pack command, status checks included, is read, decided and recorded
/// on the single writer (the group committer). Its page cache is the only one no commit invalidates
/// and its statements are prepared once, so a pack read there costs a fraction of one on a reader
/// connection, whose cache every commit drops; and a status check needs the writer for its audit row
/// anyway. Measured: docs/latency.md. History and other reads use pooled reader connections.
/// </summary>
/// <param name="statusCheckDurability">When a status check's audit row is acknowledged (<see cref="Durability"/>).</param>
public sealed class SqlitePackStore(SqliteDatabase database, Durability statusCheckDurability = Durability.Delayed) : IPackStore
{
    private const string UpdatePackSql =
        """
        UPDATE packs SET state = $state, version = $version, changed_at = $changed_at, changed_by_client = $changed_by_client,
            changed_by_location = $changed_by_location, repeat_count = $repeat_count
        WHERE product_id = $product_id AND serial = $serial AND version = $expected_version
        """;

    private static readonly string[] UpdatePackParameters =
        ["$state", "$version", "$changed_at", "$changed_by_client", "$changed_by_location", "$repeat_count", "$product_id", "$serial", "$expected_version"];

    private const string InsertAlertSql =
        """
        INSERT INTO alerts (alert_id, created_at, updated_at, client_id, location_id, product_code, serial, batch, expiry,
            outcome, kind, status, classification, system_tx_id, note)
        VALUES ($alert_id, $at, $at, $client_id, $location_id, $product_code, $serial, $batch, $expiry,
            $outcome, $kind, $status, NULL, $system_tx_id, $note)
        """;

    private static readonly string[] InsertAlertParameters =
        ["$alert_id", "$at", "$client_id", "$location_id", "$product_code", "$serial", "$batch", "$expiry", "$outcome", "$kind", "$status", "$system_tx_id", "$note"];

    /// <summary>On the writer, as every pack read (see the class comment); a read-only item commits nothing.</summary>
    public Task<PackView> ReadViewAsync(ScannedPack scan, CancellationToken cancellationToken) =>
        database.Writer.RunAsync((connection, transaction) => PackViewQuery.Read(connection, transaction, scan), cancellationToken, Durability.Delayed);

    public Task<PackCommandResult> CommitAsync(PackCommand command, CancellationToken cancellationToken) =>
        database.Writer.RunAsync(
            (connection, transaction) => Apply(connection, transaction, command), cancellationToken,
            command.StatusCheck ? statusCheckDurability : Durability.Full);

    public async Task<IReadOnlyList<AuditRecord>> PackHistoryAsync(string productCode, string serialNumber, string? clientId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<AuditRow>(
            """
            SELECT * FROM audit
            WHERE product_code = @productCode
              AND (serial = @serialNumber
                   -- the pack's life also holds its batch's upload and recall and its product's withdrawals
                   -- (refused requests without a serial have no outcome and belong to no pack)
                   OR (serial IS NULL AND outcome IS NOT NULL AND (batch IS NULL OR batch IN (
                       SELECT b.batch FROM packs k
                       JOIN products p ON p.id = k.product_id JOIN batches b ON b.id = k.batch_id
                       WHERE p.product_code = @productCode AND k.serial = @serialNumber))))
              AND (@clientId IS NULL OR client_id = @clientId)
            ORDER BY seq DESC LIMIT @limit
            """,
            new { productCode, serialNumber, clientId, limit });
        return rows.Select(row => row.ToRecord()).ToList();
    }

    public Task AppendAuditAsync(AuditRecord audit, CancellationToken cancellationToken) =>
        database.Writer.RunAsync((connection, transaction) => AuditTrail.Append(connection, transaction, audit, requestHash: null), cancellationToken);

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations");
    }

    public Task<long> AdvanceCacheEpochAsync(CancellationToken cancellationToken) =>
        database.Writer.RunAsync(CacheEpochRow.Advance, cancellationToken);

    private static PackCommandResult Apply(SqliteConnection connection, SqliteTransaction transaction, PackCommand command)
    {
        var context = command.Context;
        var epoch = CacheEpochRow.Read(connection, transaction);
        // A status check may rest on the cached view when it was cached in the epoch current now (an
        // older epoch may hold entries that a lost cache write should have replaced); everything else
        // is decided on the committed pack, read here, after every change acknowledged before it.
        var onObserved = command.DecideOnObserved && command.Observed is not null && command.ObservedEpoch == epoch;
        var current = onObserved ? command.Observed! : PackViewQuery.Read(connection, transaction, command.Scan);
        if (context.ClientTransactionId is { } clientTransactionId)
        {
            // A prepared existence check first: nearly every command is new, and only a retry reads the row.
            var seen = PreparedStatements.Get(connection, transaction,
                    "SELECT 1 FROM audit WHERE client_id = $client_id AND client_tx_id = $client_tx_id", "$client_id", "$client_tx_id")
                .Bind(context.ClientId, clientTransactionId).ExecuteScalar() is not null;
            var earlier = !seen ? null : connection.QuerySingleOrDefault<AuditRow>(
                "SELECT * FROM audit WHERE client_id = @ClientId AND client_tx_id = @clientTransactionId",
                new { context.ClientId, clientTransactionId }, transaction);
            if (earlier is not null)
            {
                if (earlier.request_hash == command.RequestHash) return new PackCommandResult(earlier.ToRecord(), current, Replayed: true, false, epoch);
                return Record(connection, transaction, command, current, new Decision(Outcome.TransactionIdReused, null, null),
                    $"client transaction id {clientTransactionId} was already used by {earlier.system_tx_id}", keepClientTransactionId: false, epoch);
            }
        }

        var decision = command.Decide(current);
        if (decision.ChangesPack)
        {
            if (onObserved) throw new InvalidOperationException("Only a decision that changes no pack may rest on the cached view.");
            epoch = CacheEpochRow.ForChange(connection, transaction, changes: true, command.IsMarkedInCache);
        }
        var result = Record(connection, transaction, command, current, decision, command.Note, keepClientTransactionId: true, epoch);
        var stale = !onObserved && command.Observed is { } observed && observed.Stamp != current.Stamp;
        return result with { ObservedWasStale = stale };
    }

    private static PackCommandResult Record(
        SqliteConnection connection, SqliteTransaction transaction, PackCommand command, PackView view, Decision decision,
        string? note, bool keepClientTransactionId, long epoch)
    {
        var after = decision.ChangesPack ? WritePack(connection, transaction, command, view, decision) : view;
        var status = command.StatusAfter(view, decision);
        var alertId = decision.Alert is { } kind ? InsertAlert(connection, transaction, command, decision.Outcome, kind, note) : null;
        var audit = command.Audit(view, after, decision, status, alertId, note, keepClientTransactionId);
        AuditTrail.Append(connection, transaction, audit, command.RequestHash);
        return new PackCommandResult(audit, after, Replayed: false, ObservedWasStale: false, epoch);
    }

    /// <summary>
    /// The conditional update: it names the version the decision was made on, so even a second
    /// writer (a future multi-node store) could never apply a decision to a changed pack.
    /// </summary>
    private static PackView WritePack(SqliteConnection connection, SqliteTransaction transaction, PackCommand command, PackView view, Decision decision)
    {
        var pack = view.Pack!;
        var changed = command.PackAfter(pack, decision);
        var rows = PreparedStatements.Get(connection, transaction, UpdatePackSql, UpdatePackParameters).Bind(
            (int)changed.State, changed.Version, changed.ChangedAt?.ToUnixTimeMilliseconds(), changed.ChangedByClient,
            changed.ChangedByLocation, changed.RepeatCount, view.Product!.Id, changed.SerialNumber, pack.Version).ExecuteNonQuery();
        if (rows != 1) throw new InvalidOperationException($"Pack {changed.SerialNumber} changed under the writer.");
        return view with { Pack = changed };
    }

    private static string InsertAlert(SqliteConnection connection, SqliteTransaction transaction, PackCommand command, Outcome outcome, AlertKind kind, string? note)
    {
        var context = command.Context;
        var alertId = Identifiers.NewAlertId(context.Timestamp);
        var at = context.Timestamp.ToUnixTimeMilliseconds();
        PreparedStatements.Get(connection, transaction, InsertAlertSql, InsertAlertParameters).Bind(
            alertId, at, context.ClientId, context.LocationId, command.Scan.ProductCode, command.Scan.SerialNumber, command.Scan.Batch,
            command.Scan.Expiry, (int)outcome, (int)kind, (int)AlertStatus.New, context.SystemTransactionId, note).ExecuteNonQuery();
        return alertId;
    }
}
