using Dapper;
using Microsoft.Data.Sqlite;
using Verifier.Core.Access;

namespace Verifier.Storage.Sqlite;

public sealed class SqliteClientStore(SqliteDatabase database) : IClientStore
{
    private const string ClientColumns = "c.client_id, c.role, c.location_id, c.display_name";

    public Task<bool> CreateAsync(ClientRecord client, string apiKeyHash, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.Writer.RunAsync((connection, transaction) =>
        {
            var created = connection.Execute(
                """
                INSERT INTO clients (client_id, role, location_id, display_name, created_at)
                VALUES (@ClientId, @Role, @LocationId, @DisplayName, @at) ON CONFLICT DO NOTHING
                """,
                new { client.ClientId, Role = (int)client.Role, client.LocationId, client.DisplayName, at = at.ToUnixTimeMilliseconds() },
                transaction) == 1;
            if (created) InsertKey(connection, transaction, client.ClientId, apiKeyHash, at);
            return created;
        }, cancellationToken);

    public Task AddKeyAsync(string clientId, string apiKeyHash, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.Writer.RunAsync((connection, transaction) => InsertKey(connection, transaction, clientId, apiKeyHash, at), cancellationToken);

    public Task<ClientRecord?> FindByKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken) =>
        FindAsync(
            $"""
            SELECT {ClientColumns}
            FROM api_keys k JOIN clients c ON c.client_id = k.client_id
            WHERE k.key_hash = @apiKeyHash AND k.revoked_at IS NULL AND c.revoked_at IS NULL
            """,
            new { apiKeyHash });

    public Task<ClientRecord?> FindByCertificateAsync(string thumbprint, string? trustedSubject, CancellationToken cancellationToken) =>
        FindAsync(
            $"""
            SELECT {ClientColumns}
            FROM client_certificates r JOIN clients c ON c.client_id = r.client_id
            WHERE r.revoked_at IS NULL AND c.revoked_at IS NULL
              AND ((r.match_kind = 1 AND r.match_value = @thumbprint) OR (r.match_kind = 2 AND r.match_value = @trustedSubject))
              AND NOT EXISTS (SELECT 1 FROM client_certificates x
                              WHERE x.match_kind = 1 AND x.match_value = @thumbprint AND x.revoked_at IS NOT NULL)
            ORDER BY r.match_kind
            LIMIT 1
            """,
            new { thumbprint, trustedSubject });

    public Task<ClientRecord?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        FindAsync($"SELECT {ClientColumns} FROM clients c WHERE c.client_id = @clientId", new { clientId });

    public Task<CertificateRegistration> RegisterCertificateAsync(
        string clientId, ClientCertificate certificate, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.Writer.RunAsync((connection, transaction) =>
        {
            if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM clients WHERE client_id = @clientId", new { clientId }, transaction) == 0)
            {
                return CertificateRegistration.UnknownClient;
            }
            return connection.Execute(
                """
                INSERT INTO client_certificates (match_kind, match_value, client_id, created_at)
                VALUES (@Match, @Value, @clientId, @at) ON CONFLICT DO NOTHING
                """,
                new { Match = (int)certificate.Match, certificate.Value, clientId, at = at.ToUnixTimeMilliseconds() }, transaction) == 1
                ? CertificateRegistration.Registered
                : CertificateRegistration.Taken;
        }, cancellationToken);

    public Task<bool> RevokeClientAsync(string clientId, DateTimeOffset at, CancellationToken cancellationToken) =>
        RevokeAsync("UPDATE clients SET revoked_at = @at WHERE client_id = @clientId AND revoked_at IS NULL",
            new { clientId, at = at.ToUnixTimeMilliseconds() }, cancellationToken);

    public Task<bool> RevokeKeyAsync(string clientId, string apiKeyHash, DateTimeOffset at, CancellationToken cancellationToken) =>
        RevokeAsync("UPDATE api_keys SET revoked_at = @at WHERE key_hash = @apiKeyHash AND client_id = @clientId AND revoked_at IS NULL",
            new { clientId, apiKeyHash, at = at.ToUnixTimeMilliseconds() }, cancellationToken);

    public Task<bool> RevokeCertificateAsync(string clientId, ClientCertificate certificate, DateTimeOffset at, CancellationToken cancellationToken) =>
        RevokeAsync(
            certificate.Match == CertificateMatch.Thumbprint
                // Also a thumbprint never registered: a certificate of a registered subject can be shut out alone.
                ? """
                  INSERT INTO client_certificates (match_kind, match_value, client_id, created_at, revoked_at)
                  SELECT 1, @Value, client_id, @at, @at FROM clients WHERE client_id = @clientId
                  ON CONFLICT DO UPDATE SET revoked_at = excluded.revoked_at
                  WHERE client_certificates.client_id = excluded.client_id AND client_certificates.revoked_at IS NULL
                  """
                : "UPDATE client_certificates SET revoked_at = @at WHERE match_kind = 2 AND match_value = @Value AND client_id = @clientId AND revoked_at IS NULL",
            new { certificate.Value, clientId, at = at.ToUnixTimeMilliseconds() }, cancellationToken);

    public async Task<long> ReadCredentialsEpochAsync(CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        return await connection.ExecuteScalarAsync<long>("SELECT epoch FROM credentials_epoch WHERE id = 1");
    }

    /// <summary>A revocation and the epoch advance that announces it commit together.</summary>
    private Task<bool> RevokeAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        database.Writer.RunAsync((connection, transaction) =>
        {
            var revoked = connection.Execute(sql, parameters, transaction) == 1;
            if (revoked) connection.Execute("UPDATE credentials_epoch SET epoch = epoch + 1 WHERE id = 1", transaction: transaction);
            return revoked;
        }, cancellationToken);

    private async Task<ClientRecord?> FindAsync(string sql, object parameters)
    {
        await using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<(string ClientId, long Role, string LocationId, string DisplayName)?>(sql, parameters);
        return row is { } r ? new ClientRecord(r.ClientId, (ClientRole)r.Role, r.LocationId, r.DisplayName) : null;
    }

    private static int InsertKey(SqliteConnection connection, SqliteTransaction transaction, string clientId, string apiKeyHash, DateTimeOffset at) =>
        connection.Execute(
            "INSERT INTO api_keys (key_hash, client_id, created_at) VALUES (@apiKeyHash, @clientId, @at) ON CONFLICT DO NOTHING",
            new { apiKeyHash, clientId, at = at.ToUnixTimeMilliseconds() }, transaction);
}
