using Dapper;
using Microsoft.Data.SqlClient;
using Verifier.Core.Alerts;
using Verifier.Core.Packs;

namespace Verifier.Storage.SqlServer;

/// <summary>
/// The pack store on SQL Server: every command is its own short transaction on a pooled
/// connection, decided on the pack row read under an update lock (see <see cref="SqlServerPackView"/>),
/// so concurrent commands on one pack, from any number of instances, apply one after the other.
/// </summary>
public sealed class SqlServerPackStore(SqlServerDatabase database) : IPackStore
{
    internal const string FindEarlierSql = "SELECT * FROM audit WHERE client_id = @ClientId AND client_tx_id = @clientTransactionId;";

    // Same rows as SQLite's pack history: the pack's own entries and those of its batch and product.
    internal const string HistorySql =
        """
        SELECT TOP (@limit) * FROM audit
        WHERE product_code = @productCode
          AND (serial = @serialNumber
               OR (serial IS NULL AND outcome IS NOT NULL AND (batch IS NULL OR batch IN (
                   SELECT b.batch FROM packs k
                   JOIN products p ON p.id = k.product_id JOIN batches b ON b.id = k.batch_id
                   WHERE p.product_code = @productCode AND k.serial = @packSerial))))
          AND (@clientId IS NULL OR client_id = @clientId)
        ORDER BY seq DESC;
        """;

    internal const string PingSql = "SELECT COUNT(*) FROM dbo.schema_migrations;";

    /// <summary>
    /// The conditional update: it names the version the decision was made on. The update lock
    /// taken when the view was read already keeps other writers out; the version check makes a
    /// missing lock a failure instead of a lost update.
    /// </summary>
    internal const string UpdatePackSql =
        """
        UPDATE packs SET state = @State, version = @Version, changed_at = @ChangedAt, changed_by_client = @ChangedByClient,
            changed_by_location = @ChangedByLocation, repeat_count = @RepeatCount
        WHERE product_id = @productId AND serial = @SerialNumber AND version = @expectedVersion;
        """;

    internal const string InsertAlertSql =
        """
        INSERT INTO alerts (alert_id, created_at, updated_at, client_id, location_id, product_code, serial, batch, expiry,
            outcome, kind, status, classification, system_tx_id, note)
        VALUES (@alertId, @at, @at, @ClientId, @LocationId, @ProductCode, @SerialNumber, @Batch, @Expiry,
            @outcome, @kind, @status, NULL, @SystemTransactionId, @note);
        """;

    public async Task<PackView> ReadViewAsync(ScannedPack scan, CancellationToken cancellationToken)
    {
        using var span = StoreTelemetry.Source.StartActivity("store.read");
        return await database.ReadAsync(connection => SqlServerPackView.ReadAsync(connection, null, scan, forUpdate: false, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// A retry with the same client transaction id that races the first request past the
    /// idempotency check fails on the unique index audit_client_tx; the command then runs again
    /// and, finding the stored row, replays its answer as it would have done had it come later.
    /// </summary>
    public async Task<PackCommandResult> CommitAsync(PackCommand command, CancellationToken cancellationToken)
    {
        // Its statements show as SqlClient spans beneath it when the server's tracer listens to SqlClient.
        using var span = StoreTelemetry.Source.StartActivity("store.commit");
        var idempotent = command.Context.ClientTransactionId is not null;
        try
        {
            return await database.WriteAsync((connection, transaction) => ApplyAsync(connection, transaction, command, cancellationToken),
                cancellationToken, commitIsIdempotent: idempotent);
        }
        catch (SqlException e) when (idempotent && SqlServerAuditTrail.IsDuplicateKey(e))
        {
            return await database.WriteAsync((connection, transaction) => ApplyAsync(connection, transaction, command, cancellationToken),
                cancellationToken, commitIsIdempotent: true);
        }
    }

    public Task<IReadOnlyList<AuditRecord>> PackHistoryAsync(string productCode, string serialNumber, string? clientId, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<AuditRecord>>(async connection =>
        {
            var rows = await connection.QueryAsync<SqlServerAuditRow>(new CommandDefinition(HistorySql,
                new { productCode, serialNumber, packSerial = SqlServerSerial.Parameter(serialNumber), clientId, limit },
                cancellationToken: cancellationToken));
            return rows.Select(row => row.ToRecord()).ToList();
        }, cancellationToken);

    public Task AppendAuditAsync(AuditRecord audit, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => SqlServerAuditTrail.AppendAsync(connection, transaction, audit, requestHash: null, cancellationToken),
            cancellationToken);

    public Task<long> AdvanceCacheEpochAsync(CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => SqlServerCacheEpoch.AdvanceAsync(connection, transaction, cancellationToken), cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.ExecuteScalarAsync<long>(new CommandDefinition(PingSql, cancellationToken: cancellationToken)),
            cancellationToken);

    private static async Task<PackCommandResult> ApplyAsync(SqlConnection connection, SqlTransaction transaction, PackCommand command, CancellationToken cancellationToken)
    {
        var context = command.Context;
        var epoch = await SqlServerCacheEpoch.ReadAsync(connection, transaction, cancellationToken);
        if (context.ClientTransactionId is { } clientTransactionId)
        {
            var earlier = await connection.QuerySingleOrDefaultAsync<SqlServerAuditRow>(new CommandDefinition(FindEarlierSql,
                new { context.ClientId, clientTransactionId }, transaction, cancellationToken: cancellationToken));
            if (earlier is not null)
            {
                var view = await SqlServerPackView.ReadAsync(connection, transaction, command.Scan, forUpdate: false, cancellationToken);
                if (earlier.request_hash == command.RequestHash) return new PackCommandResult(earlier.ToRecord(), view, Replayed: true, false, epoch);
                return await RecordAsync(connection, transaction, command, view, new Decision(Outcome.TransactionIdReused, null, null),
                    $"client transaction id {clientTransactionId} was already used by {earlier.system_tx_id}", keepClientTransactionId: false, epoch,
                    cancellationToken);
            }
        }

        // A cached view is trusted only when it was cached in the epoch current now: an older epoch
        // may hold entries that a lost cache write should have replaced.
        if (command.DecideOnObserved && command.Observed is { } trusted && command.ObservedEpoch == epoch)
        {
            var onObserved = command.Decide(trusted);
            if (onObserved.ChangesPack) throw new InvalidOperationException("Only a decision that changes no pack may rest on a cached view.");
            return await RecordAsync(connection, transaction, command, trusted, onObserved, command.Note, keepClientTransactionId: true, epoch, cancellationToken);
        }

        var current = await SqlServerPackView.ReadAsync(connection, transaction, command.Scan, forUpdate: true, cancellationToken);
        var decision = command.Decide(current);
        if (decision.ChangesPack) epoch = await SqlServerCacheEpoch.ForChangeAsync(connection, transaction, changes: true, command.IsMarkedInCache, cancellationToken);
        var result = await RecordAsync(connection, transaction, command, current, decision, command.Note, keepClientTransactionId: true, epoch, cancellationToken);
        return result with { ObservedWasStale = command.Observed is { } observed && observed.Stamp != current.Stamp };
    }

    private static async Task<PackCommandResult> RecordAsync(
        SqlConnection connection, SqlTransaction transaction, PackCommand command, PackView view, Decision decision,
        string? note, bool keepClientTransactionId, long epoch, CancellationToken cancellationToken)
    {
        var after = decision.ChangesPack ? await WritePackAsync(connection, transaction, command, view, decision, cancellationToken) : view;
        var status = command.StatusAfter(view, decision);
        var alertId = decision.Alert is { } kind
            ? await InsertAlertAsync(connection, transaction, command, decision.Outcome, kind, note, cancellationToken)
            : null;
        var audit = command.Audit(view, after, decision, status, alertId, note, keepClientTransactionId);
        await SqlServerAuditTrail.AppendAsync(connection, transaction, audit, command.RequestHash, cancellationToken);
        return new PackCommandResult(audit, after, Replayed: false, ObservedWasStale: false, epoch);
    }

    private static async Task<PackView> WritePackAsync(
        SqlConnection connection, SqlTransaction transaction, PackCommand command, PackView view, Decision decision, CancellationToken cancellationToken)
    {
        var pack = view.Pack!;
        var changed = command.PackAfter(pack, decision);
        var rows = await connection.ExecuteAsync(new CommandDefinition(UpdatePackSql,
            new
            {
                State = (byte)changed.State,
                changed.Version,
                ChangedAt = changed.ChangedAt?.ToUnixTimeMilliseconds(),
                changed.ChangedByClient,
                changed.ChangedByLocation,
                changed.RepeatCount,
                productId = (int)view.Product!.Id,
                SerialNumber = SqlServerSerial.Parameter(changed.SerialNumber),
                expectedVersion = pack.Version,
            },
            transaction, cancellationToken: cancellationToken));
        if (rows != 1) throw new InvalidOperationException($"Pack {changed.SerialNumber} changed under the writer.");
        return view with { Pack = changed };
    }

    private static async Task<string> InsertAlertAsync(
        SqlConnection connection, SqlTransaction transaction, PackCommand command, Outcome outcome, AlertKind kind, string? note, CancellationToken cancellationToken)
    {
        var context = command.Context;
        var alertId = Identifiers.NewAlertId(context.Timestamp);
        await connection.ExecuteAsync(new CommandDefinition(InsertAlertSql,
            new
            {
                alertId,
                at = context.Timestamp.ToUnixTimeMilliseconds(),
                context.ClientId,
                context.LocationId,
                command.Scan.ProductCode,
                command.Scan.SerialNumber,
                command.Scan.Batch,
                command.Scan.Expiry,
                outcome = (int)outcome,
                kind = (int)kind,
                status = (int)AlertStatus.New,
                context.SystemTransactionId,
                note,
            },
            transaction, cancellationToken: cancellationToken));
        return alertId;
    }
}
