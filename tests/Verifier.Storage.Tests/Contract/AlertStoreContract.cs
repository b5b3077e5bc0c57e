using Verifier.Core.Access;
using Verifier.Core.Alerts;
using Verifier.Core.Packs;
using Verifier.Storage.Tests.SqlServer;
using static Verifier.Storage.Tests.Contract.MasterDataFixtures;

namespace Verifier.Storage.Tests.Contract;

public abstract class AlertStoreContract : IAsyncLifetime
{
    private StoreUnderTest _db = null!;

    private IAlertStore Alerts => _db.Alerts;

    public Task InitializeAsync()
    {
        _db = OpenStore();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    protected abstract StoreUnderTest OpenStore();

    [StoreFact]
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
            var context = StoreUnderTest.Context(clientId, ClientRole.Pharmacy);
            var scan = new ScannedPack(Gtin, $"UNKNOWN{i}", "LOT1", "281231");
            var result = await _db.Packs.CommitAsync(new PackCommand(context, "verify", scan, $"h-{clientId}-{i}",
                _ => new Decision(Outcome.SerialUnknown, null, AlertKind.System), (_, _) => PackStatus.Unknown), default);
            ids.Add(result.Audit.AlertId!);
        }
        return ids;
    }
}
