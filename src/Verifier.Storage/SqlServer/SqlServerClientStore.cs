using Dapper;
using Microsoft.Data.SqlClient;
using Verifier.Core.Access;

namespace Verifier.Storage.SqlServer;

public sealed class SqlServerClientStore(SqlServerDatabase database) : IClientStore
{
    // "Insert unless it exists" (SQLite's ON CONFLICT DO NOTHING): the key-range lock of
    // UPDLOCK, HOLDLOCK makes a concurrent insert of the same key wait instead of failing on the key.
    internal const string CreateSql =
        """
        INSERT INTO clients (client_id, role, location_id, display_name, created_at)
        SELECT @ClientId, @Role, @LocationId, @DisplayName, @at
        WHERE NOT EXISTS (SELECT 1 FROM clients WITH (UPDLOCK, HOLDLOCK) WHERE client_id = @ClientId);
        """;

    internal const string InsertKeySql =
        """
        INSERT INTO api_keys (key_hash, client_id, created_at)
        SELECT @apiKeyHash, @clientId, @at
        WHERE NOT EXISTS (SELECT 1 FROM api_keys WITH (UPDLOCK, HOLDLOCK) WHERE key_hash = @apiKeyHash);
        """;

    internal const string FindByKeyHashSql =
        """
        SELECT c.client_id, c.role, c.location_id, c.display_name
        FROM api_keys k JOIN clients c ON c.client_id = k.client_id
        WHERE k.key_hash = @apiKeyHash AND k.revoked_at IS NULL AND c.revoked_at IS NULL;
        """;

    internal const string FindByCertificateSql =
        """
        SELECT TOP (1) c.client_id, c.role, c.location_id, c.display_name
        FROM client_certificates r JOIN clients c ON c.client_id = r.client_id
        WHERE r.revoked_at IS NULL AND c.revoked_at IS NULL
          AND ((r.match_kind = 1 AND r.match_value = @thumbprint) OR (r.match_kind = 2 AND r.match_value = @trustedSubject))
          AND NOT EXISTS (SELECT 1 FROM client_certificates x
                          WHERE x.match_kind = 1 AND x.match_value = @thumbprint AND x.revoked_at IS NOT NULL)
        ORDER BY r.match_kind;
        """;

    internal const string FindSql = "SELECT client_id, role, location_id, display_name FROM clients WHERE client_id = @clientId;";

    internal const string ClientExistsSql = "SELECT COUNT(*) FROM clients WHERE client_id = @clientId;";

    internal const string RegisterCertificateSql =
        """
        INSERT INTO client_certificates (match_kind, match_value, client_id, created_at)
        SELECT @Match, @Value, @clientId, @at
        WHERE NOT EXISTS (SELECT 1 FROM client_certificates WITH (UPDLOCK, HOLDLOCK) WHERE match_kind = @Match AND match_value = @Value);
        """;

    internal const string RevokeClientSql = "UPDATE clients SET revoked_at = @at WHERE client_id = @clientId AND revoked_at IS NULL;";

    internal const string RevokeKeySql =
        "UPDATE api_keys SET revoked_at = @at WHERE key_hash = @apiKeyHash AND client_id = @clientId AND revoked_at IS NULL;";

    // Also a thumbprint never registered: a certificate of a registered subject can be shut out alone.
    internal const string RevokeThumbprintSql =
        """
        MERGE client_certificates WITH (HOLDLOCK) AS r
        USING (SELECT client_id FROM clients WHERE client_id = @clientId) AS s
           ON r.match_kind = 1 AND r.match_value = @Value
        WHEN MATCHED AND r.client_id = s.client_id AND r.revoked_at IS NULL THEN UPDATE SET revoked_at = @at
        WHEN NOT MATCHED THEN INSERT (match_kind, match_value, client_id, created_at, revoked_at) VALUES (1, @Value, s.client_id, @at, @at);
        """;

    internal const string RevokeSubjectSql =
        """
        UPDATE client_certificates SET revoked_at = @at
        WHERE match_kind = 2 AND match_value = @Value AND client_id = @clientId AND revoked_at IS NULL;
        """;

    internal const string AdvanceCredentialsEpochSql = "UPDATE credentials_epoch SET epoch = epoch + 1 WHERE id = 1;";

    internal const string ReadCredentialsEpochSql = "SELECT epoch FROM credentials_epoch WHERE id = 1;";

    public Task<bool> CreateAsync(ClientRecord client, string apiKeyHash, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var created = await connection.ExecuteAsync(new CommandDefinition(CreateSql,
                new { client.ClientId, Role = (int)client.Role, client.LocationId, client.DisplayName, at = at.ToUnixTimeMilliseconds() },
                transaction, cancellationToken: cancellationToken)) == 1;
            if (created) await InsertKeyAsync(connection, transaction, client.ClientId, apiKeyHash, at, cancellationToken);
            return created;
        }, cancellationToken);

    public Task AddKeyAsync(string clientId, string apiKeyHash, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => InsertKeyAsync(connection, transaction, clientId, apiKeyHash, at, cancellationToken), cancellationToken);

    public Task<ClientRecord?> FindByKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken) =>
        FindAsync(FindByKeyHashSql, new { apiKeyHash }, cancellationToken);

    public Task<ClientRecord?> FindByCertificateAsync(string thumbprint, string? trustedSubject, CancellationToken cancellationToken) =>
        FindAsync(FindByCertificateSql, new { thumbprint, trustedSubject }, cancellationToken);

    public Task<ClientRecord?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        FindAsync(FindSql, new { clientId }, cancellationToken);

    public Task<CertificateRegistration> RegisterCertificateAsync(
        string clientId, ClientCertificate certificate, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(ClientExistsSql, new { clientId }, transaction, cancellationToken: cancellationToken)) == 0)
            {
                return CertificateRegistration.UnknownClient;
            }
            return await connection.ExecuteAsync(new CommandDefinition(RegisterCertificateSql,
                new { Match = (int)certificate.Match, certificate.Value, clientId, at = at.ToUnixTimeMilliseconds() },
                transaction, cancellationToken: cancellationToken)) == 1
                ? CertificateRegistration.Registered
                : CertificateRegistration.Taken;
        }, cancellationToken);

    public Task<bool> RevokeClientAsync(string clientId, DateTimeOffset at, CancellationToken cancellationToken) =>
        RevokeAsync(RevokeClientSql, new { clientId, at = at.ToUnixTimeMilliseconds() }, cancellationToken);

    public Task<bool> RevokeKeyAsync(string clientId, string apiKeyHash, DateTimeOffset at, CancellationToken cancellationToken) =>
        RevokeAsync(RevokeKeySql, new { clientId, apiKeyHash, at = at.ToUnixTimeMilliseconds() }, cancellationToken);

    public Task<bool> RevokeCertificateAsync(string clientId, ClientCertificate certificate, DateTimeOffset at, CancellationToken cancellationToken) =>
        RevokeAsync(certificate.Match == CertificateMatch.Thumbprint ? RevokeThumbprintSql : RevokeSubjectSql,
            new { certificate.Value, clientId, at = at.ToUnixTimeMilliseconds() }, cancellationToken);

    public Task<long> ReadCredentialsEpochAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
            connection.ExecuteScalarAsync<long>(new CommandDefinition(ReadCredentialsEpochSql, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>A revocation and the epoch advance that announces it commit together.</summary>
    private Task<bool> RevokeAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var revoked = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)) == 1;
            if (revoked)
            {
                await connection.ExecuteAsync(new CommandDefinition(AdvanceCredentialsEpochSql, transaction: transaction, cancellationToken: cancellationToken));
            }
            return revoked;
        }, cancellationToken);

    private Task<ClientRecord?> FindAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<(string ClientId, int Role, string LocationId, string DisplayName)?>(
                new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
            return row is { } r ? new ClientRecord(r.ClientId, (ClientRole)r.Role, r.LocationId, r.DisplayName) : null;
        }, cancellationToken);

    private static Task<int> InsertKeyAsync(
        SqlConnection connection, SqlTransaction transaction, string clientId, string apiKeyHash, DateTimeOffset at, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(InsertKeySql, new { apiKeyHash, clientId, at = at.ToUnixTimeMilliseconds() },
            transaction, cancellationToken: cancellationToken));
}
