using Dapper;
using Verifier.Core.Alerts;
using Verifier.Core.Packs;

namespace Verifier.Storage.Sqlite;

public sealed class SqliteAlertStore(SqliteDatabase database) : IAlertStore
{
    public async Task<IReadOnlyList<AlertRecord>> ListAsync(string? clientId, AlertStatus? status, string? beforeAlertId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<AlertRow>(
            """
            SELECT * FROM alerts
            WHERE (@clientId IS NULL OR client_id = @clientId) AND (@status IS NULL OR status = @status)
              AND (@beforeAlertId IS NULL OR alert_id < @beforeAlertId)
            ORDER BY alert_id DESC LIMIT @limit
            """,
            new { clientId, status = (int?)status, beforeAlertId, limit });
        return rows.Select(row => row.ToRecord()).ToList();
    }

    public async Task<AlertRecord?> GetAsync(string alertId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<AlertRow>("SELECT * FROM alerts WHERE alert_id = @alertId", new { alertId });
        return row?.ToRecord();
    }

    public Task<bool> UpdateAsync(string alertId, AlertStatus expected, AlertStatus status, AlertClassification? classification, string? note, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.Writer.RunAsync((connection, transaction) => connection.Execute(
            """
            UPDATE alerts SET status = @status, classification = COALESCE(@classification, classification),
                note = COALESCE(@note, note), updated_at = @at
            WHERE alert_id = @alertId AND status = @expected
            """,
            new
            {
                alertId,
                expected = (int)expected,
                status = (int)status,
                classification = (int?)classification,
                note,
                at = at.ToUnixTimeMilliseconds(),
            },
            transaction) == 1, cancellationToken);

#pragma warning disable IDE1006 // Column names, as Dapper maps them.
    private sealed class AlertRow
    {
        public string alert_id { get; init; } = "";
        public long created_at { get; init; }
        public long updated_at { get; init; }
        public string client_id { get; init; } = "";
        public string location_id { get; init; } = "";
        public string? product_code { get; init; }
        public string? serial { get; init; }
        public string? batch { get; init; }
        public string? expiry { get; init; }
        public long outcome { get; init; }
        public long kind { get; init; }
        public long status { get; init; }
        public long? classification { get; init; }
        public string system_tx_id { get; init; } = "";
        public string? note { get; init; }

        public AlertRecord ToRecord() => new(
            alert_id, DateTimeOffset.FromUnixTimeMilliseconds(created_at), DateTimeOffset.FromUnixTimeMilliseconds(updated_at),
            client_id, location_id, product_code, serial, batch, expiry, (Outcome)outcome, (AlertKind)kind, (AlertStatus)status,
            (AlertClassification?)classification, system_tx_id, note);
    }
#pragma warning restore IDE1006
}
