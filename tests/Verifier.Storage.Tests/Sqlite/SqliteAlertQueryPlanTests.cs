using Dapper;
using Verifier.Storage.Sqlite;

namespace Verifier.Storage.Tests.Sqlite;

public sealed class SqliteAlertQueryPlanTests : IAsyncLifetime
{
    private readonly SqliteStoreUnderTest _db = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_clients_alerts_are_searched_in_its_index_range()
    {
        await using var connection = _db.Database.Open();

        var plan = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
            "EXPLAIN QUERY PLAN " + SqliteAlertStore.ListForClientSql,
            new { clientId = "pharmacy-berlin", status = (int?)null, beforeAlertId = SqliteAlertStore.NoCursor, limit = 50 });

        // One search, and no "USE TEMP B-TREE FOR ORDER BY": the index already yields newest first.
        Assert.Equal(["SEARCH alerts USING INDEX alerts_client (client_id=? AND alert_id<?)"], plan.Select(step => step.Detail));
    }
}
