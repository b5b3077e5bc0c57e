using StackExchange.Redis;
using Verifier.Core.Packs;

namespace Verifier.Cache.Tests;

/// <summary>
/// What every RESP backend must do for <see cref="RedisPackStatusCache"/>. The scenarios live here;
/// each backend's test class exposes them as facts (with the backend's own skip rule).
/// </summary>
public abstract class PackStatusCacheContract
{
    private static readonly TimeSpan PackTtl = TimeSpan.FromHours(1);

    protected abstract ICacheBackend StartBackend();

    protected async Task MissReturnsNull()
    {
        await using var backend = StartBackend();
        await using var cache = await Connect(backend);
        var code = Samples.NewProductCode();

        Assert.Null(await cache.TryGetViewAsync(code, Samples.Serial, Samples.Lot, default));

        // A partial view is a miss too: the caller must read SQL for the rest.
        await cache.PutProductAsync(Samples.Product(code));
        await cache.PutBatchAsync(Samples.Batch(), code);
        Assert.Null(await cache.TryGetViewAsync(code, Samples.Serial, Samples.Lot, default));
        Assert.True(cache.IsAvailable);
    }

    protected async Task PutThenGetRoundTrips()
    {
        await using var backend = StartBackend();
        await using var cache = await Connect(backend);
        var code = Samples.NewProductCode();
        var view = Samples.View(code);

        await cache.PutViewAsync(view, default);

        var cached = await cache.TryGetViewAsync(code, Samples.Serial, Samples.Lot, default);
        Assert.Equal(view, cached);
        Assert.Equal(view.Stamp, cached!.Stamp);
    }

    protected async Task PackUnderAnotherBatchRoundTrips()
    {
        await using var backend = StartBackend();
        await using var cache = await Connect(backend);
        var code = Samples.NewProductCode();
        var scanned = Samples.Batch("LOT-B", id: 71);
        var own = Samples.Batch("LOT-A", id: 70);
        var view = new PackView(Samples.Product(code), scanned, Samples.Pack(batchId: own.Id), own);

        await cache.PutViewAsync(view, default);

        Assert.Equal(view, await cache.TryGetViewAsync(code, Samples.Serial, "LOT-B", default));
        Assert.Null(await cache.TryGetViewAsync(code, Samples.Serial, "LOT-C", default));
    }

    protected async Task StaleWriteDoesNotOverwrite()
    {
        await using var backend = StartBackend();
        await using var cache = await Connect(backend);
        var code = Samples.NewProductCode();
        var batch = Samples.Batch(version: 4, recalled: true);
        var newer = new PackView(Samples.Product(code, version: 2, withdrawn: true), batch, Samples.Pack(version: 5), batch);
        var olderBatch = Samples.Batch(version: 3);
        var older = new PackView(
            Samples.Product(code, version: 1), olderBatch, Samples.Pack(version: 4, state: PackState.Active), olderBatch);

        await cache.PutViewAsync(newer, default);
        await cache.PutViewAsync(older, default);
        await cache.PutBatchAsync(olderBatch, code);
        await cache.PutProductAsync(older.Product!);

        Assert.Equal(newer, await cache.TryGetViewAsync(code, Samples.Serial, Samples.Lot, default));
    }

    protected async Task RacingWritersKeepTheNewestVersion()
    {
        await using var backend = StartBackend();
        var caches = new RedisPackStatusCache[4];
        for (var i = 0; i < caches.Length; i++)
        {
            caches[i] = await Connect(backend);
        }

        try
        {
            var code = Samples.NewProductCode();
            await caches[0].PutViewAsync(Samples.View(code), default);

            // Separate connections, so the writes really interleave on the server.
            var versions = Enumerable.Range(1, 400).OrderBy(_ => Random.Shared.Next()).ToArray();
            await Task.WhenAll(versions.Select((version, i) => caches[i % caches.Length]
                .PutBatchAsync(Samples.Batch(version: version, recalled: version % 2 == 0), code).AsTask()));

            var cached = await caches[0].TryGetViewAsync(code, Samples.Serial, Samples.Lot, default);
            Assert.Equal(Samples.Batch(version: 400, recalled: true), cached!.ScannedBatch);
        }
        finally
        {
            foreach (var cache in caches)
            {
                await cache.DisposeAsync();
            }
        }
    }

    protected async Task RecallAndWithdrawalAreSeenByNextGet()
    {
        await using var backend = StartBackend();
        await using var cache = await Connect(backend);
        var code = Samples.NewProductCode();
        await cache.PutViewAsync(Samples.View(code), default);

        await cache.PutBatchAsync(Samples.Batch(version: 2, recalled: true), code);
        var recalled = await cache.TryGetViewAsync(code, Samples.Serial, Samples.Lot, default);
        Assert.True(recalled!.ScannedBatch!.Recalled);
        Assert.True(recalled.PackBatch!.Recalled);
        Assert.Equal(Samples.Pack(), recalled.Pack);

        await cache.PutProductAsync(Samples.Product(code, version: 2, withdrawn: true));
        var withdrawn = await cache.TryGetViewAsync(code, Samples.Serial, Samples.Lot, default);
        Assert.True(withdrawn!.Product!.Withdrawn);
    }

    protected async Task PackKeysCarryTtl()
    {
        await using var backend = StartBackend();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(TestOptions(backend).ToConfiguration());
        var options = TestOptions(backend);
        var cache = new RedisPackStatusCache(connection, options);
        var code = Samples.NewProductCode();

        await cache.PutViewAsync(Samples.View(code), default);

        var keys = new CacheKeys(cache.KeyPrefix);
        var db = connection.GetDatabase();
        var packTtl = await db.KeyTimeToLiveAsync(keys.Pack(code, Samples.Serial));
        var productTtl = await db.KeyTimeToLiveAsync(keys.Product(code));
        var batchTtl = await db.KeyTimeToLiveAsync(keys.Batch(code, Samples.Lot));
        Assert.InRange(packTtl!.Value, TimeSpan.FromMinutes(1), PackTtl);
        Assert.True(productTtl > PackTtl, $"product TTL {productTtl} should outlive pack TTL");
        Assert.True(batchTtl > PackTtl, $"batch TTL {batchTtl} should outlive pack TTL");
    }

    protected async Task OutageReturnsNullAndBreakerRecovers()
    {
        await using var backend = StartBackend();
        await using var cache = await Connect(backend);
        var code = Samples.NewProductCode();
        var view = Samples.View(code);
        await cache.PutViewAsync(view, default);
        Assert.NotNull(await cache.TryGetViewAsync(code, Samples.Serial, Samples.Lot, default));

        backend.Stop();

        for (var call = 0; call < 20; call++)
        {
            Assert.Null(await cache.TryGetViewAsync(code, Samples.Serial, Samples.Lot, default));
            await cache.PutViewAsync(view, default);
            await cache.PutBatchAsync(Samples.Batch(version: 2, recalled: true), code);
            await cache.PutProductAsync(Samples.Product(code, version: 2));
        }

        Assert.False(cache.IsAvailable);

        backend.Restart();

        // The restarted server is empty; the breaker lets a probe through after its back-off and the
        // multiplexer reconnects on its own. Bounded polling, not a timing assertion.
        PackView? cached = null;
        for (var poll = 0; poll < 300 && cached is null; poll++)
        {
            await Task.Delay(100);
            await cache.PutViewAsync(view, default);
            cached = await cache.TryGetViewAsync(code, Samples.Serial, Samples.Lot, default);
        }

        Assert.Equal(view, cached);
        Assert.True(cache.IsAvailable);
    }

    private static RedisCacheOptions TestOptions(ICacheBackend backend) => new()
    {
        Configuration = backend.Configuration,
        KeyPrefix = "vf-test:",
        // One shared generation, so several instances meet on the same keys (the racing-writers case).
        Generation = "g1",
        PackTtl = PackTtl,
        // Generous timeouts: a loaded CI machine must not turn a slow answer into a false miss.
        ConnectTimeout = TimeSpan.FromSeconds(5),
        OperationTimeout = TimeSpan.FromSeconds(5),
        BreakerBackOff = TimeSpan.FromMilliseconds(100),
    };

    private static Task<RedisPackStatusCache> Connect(ICacheBackend backend) => RedisPackStatusCache.ConnectAsync(TestOptions(backend));
}
