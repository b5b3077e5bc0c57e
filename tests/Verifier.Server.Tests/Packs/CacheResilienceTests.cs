using Verifier.Server.Tests.Infrastructure;
using Verifier.Testing;
using Verifier.V1;
using static Verifier.Server.Tests.Infrastructure.Catalog;

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

    /// <summary>
    /// Redis hangs (keeps its data but answers nothing) while a pack is supplied: the cache write
    /// is lost. When Redis answers again it still holds the old "active" entry, which must never
    /// be served: the unanswered cache writes advanced the shared cache epoch.
    /// </summary>
    [ServerFact]
    public async Task A_cache_write_lost_while_redis_hangs_never_resurfaces()
    {
        var berlin = _server.Packs(DemoKeys.PharmacyBerlin);
        var munich = _server.Packs(DemoKeys.PharmacyMunich);
        var serial = await NewPackAsync(_server);
        Assert.True((await Verify(berlin, serial)).Status.Active); // cached as active

        _redis.Pause();
        var supplied = await Supply(berlin, serial);
        _redis.Resume();
        await Task.Delay(TimeSpan.FromSeconds(3)); // past the breaker's back-off: the cache is used again

        var verifications = new List<PackResult>();
        for (var i = 0; i < 3; i++) verifications.Add(await Verify(munich, serial));

        Assert.Equal(Outcome.Success, supplied.Outcome);
        Assert.All(verifications, v => Assert.Equal(InactiveReason.Supplied, v.Status.Reason));
    }

    private static async Task<PackResult> Verify(PackService.PackServiceClient client, string serial) =>
        (await client.VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial) })).Result;

    private static async Task<PackResult> Supply(PackService.PackServiceClient client, string serial) =>
        (await client.DecommissionAsync(new DecommissionRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = DecommissionReason.Supplied,
        })).Result;
}
