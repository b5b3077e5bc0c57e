using Dapper;
using Verifier.Core.Alerts;
using Verifier.Core.Packs;

namespace Verifier.Storage.Sqlite;

public sealed class SqliteAlertStore(SqliteDatabase database) : IAlertStore
{
    /// <summary>
    /// A pharmacy's alerts come from index alerts_client (client_id, alert_id): the client and the
    /// cursor are plain comparisons, never "@x IS NULL OR ...", which would make SQLite scan the table.
    /// </summary>
    internal const string ListForClientSql =
        """
        SELECT * FROM alerts
        WHERE client_id = @clientId AND alert_id < @beforeAlertId AND (@status IS NULL OR status = @status)
        ORDER BY alert_id DESC LIMIT @limit
        """;

    /// <summary>Every client's alerts, newest first along the primary key.</summary>
    internal const string ListAllSql =
        """
        SELECT * FROM alerts
        WHERE alert_id < @beforeAlertId AND (@status IS NULL OR status = @status)
        ORDER BY alert_id DESC LIMIT @limit
        """;

    /// <summary>Sorts after every alert id ("ALT-" and Crockford base32), so "before it" means "no cursor".</summary>
    internal const string NoCursor = "~";

    public async Task<IReadOnlyList<AlertRecord>> ListAsync(string? clientId, AlertStatus? status, string? beforeAlertId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<AlertRow>(
            clientId is null ? ListAllSql : ListForClientSql,
            new { clientId, status = (int?)status, beforeAlertId = beforeAlertId ?? NoCursor, limit });
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
