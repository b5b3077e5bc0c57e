using Dapper;
using Verifier.Core.Access;

namespace Verifier.Storage.Sqlite;

public sealed class SqliteClientStore(SqliteDatabase database) : IClientStore
{
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

    public async Task<ClientRecord?> FindByKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<(string ClientId, long Role, string LocationId, string DisplayName)?>(
            """
            SELECT c.client_id, c.role, c.location_id, c.display_name
            FROM api_keys k JOIN clients c ON c.client_id = k.client_id WHERE k.key_hash = @apiKeyHash
            """,
            new { apiKeyHash });
        return row is { } r ? new ClientRecord(r.ClientId, (ClientRole)r.Role, r.LocationId, r.DisplayName) : null;
    }

    public async Task<ClientRecord?> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<(string ClientId, long Role, string LocationId, string DisplayName)?>(
            "SELECT client_id, role, location_id, display_name FROM clients WHERE client_id = @clientId", new { clientId });
        return row is { } r ? new ClientRecord(r.ClientId, (ClientRole)r.Role, r.LocationId, r.DisplayName) : null;
    }

    private static int InsertKey(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, string clientId, string apiKeyHash, DateTimeOffset at) =>
        connection.Execute(
            "INSERT INTO api_keys (key_hash, client_id, created_at) VALUES (@apiKeyHash, @clientId, @at) ON CONFLICT DO NOTHING",
            new { apiKeyHash, clientId, at = at.ToUnixTimeMilliseconds() }, transaction);
}
