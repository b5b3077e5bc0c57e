using Verifier.Cache;
using Verifier.Server.Tests.Infrastructure;
using Verifier.Testing;
using Verifier.V1;
using static Verifier.Server.Tests.Infrastructure.Catalog;
using PackView = Verifier.Core.Packs.PackView;

namespace Verifier.Server.Tests.Packs;

/// <summary>A cache that is stale or down makes the service slower, never wrong (against a real redis-server).</summary>
public sealed class CacheResilienceTests : IAsyncLifetime, INeedsRedisServer
{
    private RedisServerProcess _redis = null!;
    private VerifierServer _server = null!;

    public async Task InitializeAsync()
    {
        _redis = RedisServerProcess.Start();
        _server = await VerifierServer.StartAsync("--cache", "Redis", "--redis", _redis.Configuration);
        await SeedAsync(_server);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [ServerFact]
    public async Task Answers_stay_correct_while_redis_is_down_and_after_it_returns()
    {
        var berlin = _server.Packs(DemoKeys.PharmacyBerlin);
        var munich = _server.Packs(DemoKeys.PharmacyMunich);
        var serial = await NewPackAsync(_server);
        Assert.True((await Verify(berlin, serial)).Status.Active); // now cached

        _redis.Stop();
        var supplied = await Supply(berlin, serial);
        var elsewhere = await Supply(munich, serial);
        var verified = await Verify(munich, serial);

        _redis.Restart();
        var afterOutage = await Supply(munich, serial);

        Assert.Equal(Outcome.Success, supplied.Outcome);
        Assert.Equal(Outcome.AlreadyInactive, elsewhere.Outcome);
        Assert.Equal(InactiveReason.Supplied, verified.Status.Reason);
        Assert.Equal(Outcome.AlreadyInactive, afterOutage.Outcome);
    }

    [ServerFact]
    public async Task A_stale_cached_view_is_overruled_by_sql_and_repaired()
    {
        var berlin = _server.Packs(DemoKeys.PharmacyBerlin);
        var serial = await NewPackAsync(_server);
        await Verify(berlin, serial); // a miss, which caches the active view
        var activeView = await CachedViewAsync(serial);
        Assert.NotNull(activeView);
        Assert.Equal(Outcome.Success, (await Supply(berlin, serial)).Outcome);

        // A writer that lost its race, or a cache that missed an update while partitioned: put
        // the old "active" view back by force (a fresh key, as the set-if-newer script would refuse).
        await using (var cache = await RedisPackStatusCache.ConnectAsync(new RedisCacheOptions { Configuration = _redis.Configuration }))
        {
            var db = StackExchange.Redis.ConnectionMultiplexer.Connect(_redis.Configuration).GetDatabase();
            await db.KeyDeleteAsync($"vf:k:{Gtin}:{serial}");
            await cache.PutViewAsync(activeView!, CancellationToken.None);
            Assert.Equal(Verifier.Core.Packs.PackState.Active, (await cache.TryGetViewAsync(Gtin, serial, Lot, CancellationToken.None))!.Pack!.State);
        }

        var verified = await Verify(_server.Packs(DemoKeys.PharmacyMunich), serial);
        var again = await Supply(_server.Packs(DemoKeys.PharmacyMunich), serial);

        Assert.Equal(InactiveReason.Supplied, verified.Status.Reason);
        Assert.Equal(Outcome.AlreadyInactive, again.Outcome);
        Assert.Equal(Verifier.Core.Packs.PackState.Supplied, (await CachedViewAsync(serial))!.Pack!.State);
    }

    private async Task<PackView?> CachedViewAsync(string serial)
    {
        await using var cache = await RedisPackStatusCache.ConnectAsync(new RedisCacheOptions { Configuration = _redis.Configuration });
        return await cache.TryGetViewAsync(Gtin, serial, Lot, CancellationToken.None);
    }

    private static async Task<PackResult> Verify(PackService.PackServiceClient client, string serial) =>
        (await client.VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial) })).Result;

    private static async Task<PackResult> Supply(PackService.PackServiceClient client, string serial) =>
        (await client.DecommissionAsync(new DecommissionRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = DecommissionReason.Supplied,
        })).Result;
}
