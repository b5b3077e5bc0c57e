using StackExchange.Redis;

namespace Verifier.Cache.Tests;

/// <summary>Whether a write is sent and what its result promises: only Confirmed means Redis answered.</summary>
public abstract partial class PackStatusCacheContract
{
    protected async Task WriteOlderThanMaxWriteAgeIsNotSent()
    {
        await using var rig = await StartAsync();
        var code = Samples.NewProductCode();
        var readAt = Now() - Ticks(rig.Options.MaxWriteAge + TimeSpan.FromSeconds(1));

        Assert.Equal(CacheWrite.NotSent, await rig.Cache.PutViewAsync(Samples.View(code), Epoch, readAt));
        Assert.Equal(CacheWrite.NotSent, await rig.Cache.PutBatchAsync(Samples.Batch(), code, Epoch, readAt));
        Assert.Equal(CacheWrite.NotSent, await rig.Cache.PutProductAsync(Samples.Product(code), Epoch, readAt));
        RedisKey[] keys = [rig.Keys.Product(code), rig.Keys.Batch(code, Samples.Lot), rig.Keys.Pack(code, Samples.Serial)];
        Assert.Equal(0, await rig.Db.KeyExistsAsync(keys));

        // A publish as well: its marker stays and expires, covering the commit only while it lives.
        var mark = await rig.Cache.MarkPackAsync(code, Samples.Serial);
        Assert.Equal(CacheWrite.NotSent, await rig.Cache.PutViewAsync(Samples.View(code), Epoch, readAt, mark));
        Assert.Equal($"0\u001f0\u001f{mark.Token}", (string?)await rig.PackValueAsync(code));
    }

    protected async Task OutageMissesAndBreakerRecovers()
    {
        await using var rig = await StartAsync();
        var cache = rig.Cache;
        var code = Samples.NewProductCode();
        var view = Samples.View(code);
        await cache.PutViewAsync(view, Epoch, Now());
        Assert.NotNull(await rig.GetAsync(code));

        rig.Backend.Stop();

        // The first write meets the closed breaker, so it is sent and cannot be answered.
        Assert.Equal(CacheWrite.Unconfirmed, await cache.PutViewAsync(view, Epoch, Now()));
        for (var call = 0; call < 20; call++)
        {
            Assert.Null(await rig.GetAsync(code));
            var mark = await cache.MarkPackAsync(code, Samples.Serial);
            Assert.False(mark.Confirmed);
            Assert.False(mark.Covers());
            // The marker may never have landed, so a publish would be a fill: not the writer's business.
            Assert.Equal(CacheWrite.NotSent, await cache.PutViewAsync(view, Epoch, Now(), mark));
            // Sent (Unconfirmed) when this call happens to be the breaker's probe, else not sent at all.
            Assert.NotEqual(CacheWrite.Confirmed, await cache.PutViewAsync(view, Epoch, Now()));
            Assert.NotEqual(CacheWrite.Confirmed, await cache.PutBatchAsync(Samples.Batch(version: 2, recalled: true), code, Epoch, Now()));
            Assert.NotEqual(CacheWrite.Confirmed, await cache.PutProductAsync(Samples.Product(code, version: 2), Epoch, Now()));
        }

        Assert.False(cache.IsAvailable);

        rig.Backend.Restart();

        // The restarted server is empty; the breaker lets a probe through after its back-off and the
        // multiplexer reconnects on its own. Bounded polling, not a timing assertion.
        CachedView? cached = null;
        for (var poll = 0; poll < 300 && cached is null; poll++)
        {
            await Task.Delay(100);
            await cache.PutViewAsync(view, Epoch, Now());
            cached = await rig.GetAsync(code);
        }

        Assert.Equal(new CachedView(view, Epoch), cached);
        Assert.True(cache.IsAvailable);
        Assert.True((await cache.MarkPackAsync(code, Samples.Serial)).Covers());
    }
}
