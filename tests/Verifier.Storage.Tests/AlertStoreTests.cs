using Dapper;
using Verifier.Core.Access;
using Verifier.Core.Alerts;
using Verifier.Core.Packs;
using Verifier.Storage.Sqlite;
using static Verifier.Storage.Tests.MasterDataFixtures;

namespace Verifier.Storage.Tests;

public sealed class AlertStoreTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();

    private SqliteAlertStore Alerts => new(_db.Database);

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

    [Fact]
    public async Task Alerts_are_listed_newest_first_per_client_and_paged_by_the_last_id()
    {
        var berlin = await RaiseAlertsAsync("pharmacy-berlin", 3);
        var munich = await RaiseAlertsAsync("pharmacy-munich", 1);

        var first = await Alerts.ListAsync("pharmacy-berlin", null, null, 2, default);
        var second = await Alerts.ListAsync("pharmacy-berlin", null, first[^1].AlertId, 2, default);
        var everyone = await Alerts.ListAsync(null, AlertStatus.New, null, 10, default);

        Assert.Equal(berlin.OrderDescending(StringComparer.Ordinal), first.Concat(second).Select(a => a.AlertId));
        Assert.Equal(berlin.Concat(munich).OrderDescending(StringComparer.Ordinal), everyone.Select(a => a.AlertId));
        Assert.Empty(await Alerts.ListAsync(null, AlertStatus.Closed, null, 10, default));
    }

    /// <summary>Unknown serials: each scan raises a system alert.</summary>
    private async Task<List<string>> RaiseAlertsAsync(string clientId, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var context = TempDatabase.Context(clientId, ClientRole.Pharmacy);
            var scan = new ScannedPack(Gtin, $"UNKNOWN{i}", "LOT1", "281231");
            var result = await _db.Packs.CommitAsync(new PackCommand(context, "verify", scan, $"h-{clientId}-{i}",
                _ => new Decision(Outcome.SerialUnknown, null, AlertKind.System), (_, _) => PackStatus.Unknown), default);
            ids.Add(result.Audit.AlertId!);
        }
        return ids;
    }
}
