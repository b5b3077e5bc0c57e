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
        FROM api_keys k JOIN clients c ON c.client_id = k.client_id WHERE k.key_hash = @apiKeyHash;
        """;

    internal const string FindSql = "SELECT client_id, role, location_id, display_name FROM clients WHERE client_id = @clientId;";

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

    public Task<ClientRecord?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        FindAsync(FindSql, new { clientId }, cancellationToken);

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
