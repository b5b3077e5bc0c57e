using Dapper;
using Verifier.Core.Alerts;
using Verifier.Core.Packs;

namespace Verifier.Storage.SqlServer;

public sealed class SqlServerAlertStore(SqlServerDatabase database) : IAlertStore
{
    /// <summary>A seek in alerts_client (client_id, alert_id), read backwards: newest first without a sort.</summary>
    internal const string ListForClientSql =
        """
        SELECT TOP (@limit) * FROM alerts
        WHERE client_id = @clientId AND alert_id < @beforeAlertId AND (@status IS NULL OR status = @status)
        ORDER BY alert_id DESC;
        """;

    /// <summary>Every client's alerts, newest first along the primary key.</summary>
    internal const string ListAllSql =
        """
        SELECT TOP (@limit) * FROM alerts
        WHERE alert_id < @beforeAlertId AND (@status IS NULL OR status = @status)
        ORDER BY alert_id DESC;
        """;

    internal const string GetSql = "SELECT * FROM alerts WHERE alert_id = @alertId;";

    internal const string UpdateSql =
        """
        UPDATE alerts SET status = @status, classification = COALESCE(@classification, classification),
            note = COALESCE(@note, note), updated_at = @at
        WHERE alert_id = @alertId AND status = @expected;
        """;

    /// <summary>Sorts after every alert id under the binary collation ("ALT-" and Crockford base32), so "before it" means "no cursor".</summary>
    internal const string NoCursor = "~";

    public Task<IReadOnlyList<AlertRecord>> ListAsync(string? clientId, AlertStatus? status, string? beforeAlertId, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<AlertRecord>>(async connection =>
        {
            var rows = await connection.QueryAsync<AlertRow>(new CommandDefinition(
                clientId is null ? ListAllSql : ListForClientSql,
                new { clientId, status = (int?)status, beforeAlertId = beforeAlertId ?? NoCursor, limit },
                cancellationToken: cancellationToken));
            return rows.Select(row => row.ToRecord()).ToList();
        }, cancellationToken);

    public Task<AlertRecord?> GetAsync(string alertId, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
            (await connection.QuerySingleOrDefaultAsync<AlertRow>(new CommandDefinition(GetSql, new { alertId }, cancellationToken: cancellationToken)))?.ToRecord(),
            cancellationToken);

    public Task<bool> UpdateAsync(string alertId, AlertStatus expected, AlertStatus status, AlertClassification? classification, string? note, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(UpdateSql,
            new
            {
                alertId,
                expected = (int)expected,
                status = (int)status,
                classification = (int?)classification,
                note,
                at = at.ToUnixTimeMilliseconds(),
            },
            transaction, cancellationToken: cancellationToken)) == 1, cancellationToken);

#pragma warning disable IDE1006 // Column names and SQL Server types, as Dapper maps them.
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
        public int outcome { get; init; }
        public int kind { get; init; }
        public int status { get; init; }
        public int? classification { get; init; }
        public string system_tx_id { get; init; } = "";
        public string? note { get; init; }

        public AlertRecord ToRecord() => new(
            alert_id, DateTimeOffset.FromUnixTimeMilliseconds(created_at), DateTimeOffset.FromUnixTimeMilliseconds(updated_at),
            client_id, location_id, product_code, serial, batch, expiry, (Outcome)outcome, (AlertKind)kind, (AlertStatus)status,
            (AlertClassification?)classification, system_tx_id, note);
    }
#pragma warning restore IDE1006
}
