using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Packs;

/// <summary>
/// A status check really is answered from the cache while its epoch is current, and from SQL as
/// soon as the epoch moves (docs/cache-coherence.md). The store is changed behind the server's back
/// here, which no Verifier instance ever does, only to tell the two paths apart.
/// </summary>
public sealed class CacheEpochTests : IAsyncLifetime
{
    private VerifierServer _server = null!;

    public async Task InitializeAsync()
    {
        // A generous cache timeout: on a loaded machine a timed-out cache write (rightly) advances the
        // epoch, and these tests need the cache path to happen.
        _server = await VerifierServer.StartAsync("--cache", "Embedded", "--Verifier:Cache:OperationTimeout=00:00:05");
        await SeedAsync(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_status_check_rests_on_the_cache_only_in_the_current_epoch()
    {
        var berlin = _server.Packs(DemoKeys.PharmacyBerlin);
        var serial = await NewPackAsync(_server);
        Assert.True((await Verify(berlin, serial)).Status.Active); // read from SQL, now cached

        await _server.SeedAsync("UPDATE packs SET state = 2, version = version + 1 WHERE serial = @serial", new { serial });
        var fromCache = await Verify(berlin, serial);

        await _server.SeedAsync("UPDATE cache_epoch SET epoch = epoch + 1");
        var afterAdvance = await Verify(berlin, serial);

        Assert.True(fromCache.Status.Active);
        Assert.Equal(InactiveReason.Supplied, afterAdvance.Status.Reason);
    }

    [Fact]
    public async Task A_decommission_publishes_its_result_for_the_next_status_check()
    {
        var berlin = _server.Packs(DemoKeys.PharmacyBerlin);
        var serial = await NewPackAsync(_server);
        await Verify(berlin, serial);
        await berlin.DecommissionAsync(new DecommissionRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = DecommissionReason.Supplied,
        });

        // Reverted behind the server's back: only the published cache entry can still say "supplied".
        await _server.SeedAsync("UPDATE packs SET state = 1 WHERE serial = @serial", new { serial });
        var verified = await Verify(berlin, serial);

        Assert.Equal(InactiveReason.Supplied, verified.Status.Reason);
    }

    private static async Task<PackResult> Verify(PackService.PackServiceClient client, string serial) =>
        (await client.VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial) })).Result;
}
