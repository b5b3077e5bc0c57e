using Verifier.Core.Packs;

namespace Verifier.Cache.Tests;

/// <summary>Set-if-newer: a value replaces another only with a higher version, or the same version from a later epoch.</summary>
public abstract partial class PackStatusCacheContract
{
    protected async Task OlderVersionIsRefused()
    {
        await using var rig = await StartAsync();
        var code = Samples.NewProductCode();
        var batch = Samples.Batch(version: 4, recalled: true);
        var newer = new PackView(Samples.Product(code, version: 2, withdrawn: true), batch, Samples.Pack(version: 5), batch);
        var olderBatch = Samples.Batch(version: 3);
        var older = new PackView(
            Samples.Product(code, version: 1), olderBatch, Samples.Pack(version: 4, state: PackState.Active), olderBatch);
        await rig.Cache.PutViewAsync(newer, 1, Now());

        // A slow reader's older versions, cached in a later epoch: the version is compared first.
        Assert.Equal(CacheWrite.Confirmed, await rig.Cache.PutViewAsync(older, 2, Now()));
        await rig.Cache.PutBatchAsync(olderBatch, code, 2, Now());
        await rig.Cache.PutProductAsync(older.Product!, 2, Now());

        Assert.Equal(new CachedView(newer, 1), await rig.GetAsync(code));
    }

    protected async Task SameVersionFromALaterEpochReplaces()
    {
        await using var rig = await StartAsync();
        var code = Samples.NewProductCode();
        var view = Samples.View(code);
        await rig.Cache.PutViewAsync(view, 1, Now());

        await rig.Cache.PutViewAsync(view, 2, Now());
        Assert.Equal(new CachedView(view, 2), await rig.GetAsync(code));

        // A fill that read SQL before the epoch advanced, arriving late, must not take it back.
        await rig.Cache.PutViewAsync(view, 1, Now());
        Assert.Equal(new CachedView(view, 2), await rig.GetAsync(code));
    }

    protected async Task SameVersionAndEpochRefreshesTtl()
    {
        await using var rig = await StartAsync();
        var code = Samples.NewProductCode();
        var key = rig.Keys.Pack(code, Samples.Serial);
        await rig.Cache.PutViewAsync(Samples.View(code), Epoch, Now());
        var stored = await rig.PackValueAsync(code);
        await rig.Db.KeyExpireAsync(key, TimeSpan.FromMinutes(1));

        // Every miss refills the same value, which is what keeps a hot pack cached.
        await rig.Cache.PutViewAsync(Samples.View(code), Epoch, Now());

        Assert.Equal(stored, await rig.PackValueAsync(code));
        Assert.InRange((await rig.Db.KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromMinutes(2), CacheRig.PackTtl);
    }

    protected async Task FillWritesOnlyWhatTheLookupFoundMissingOrOutdated()
    {
        await using var rig = await StartAsync();
        var code = Samples.NewProductCode();
        var view = Samples.View(code);
        await rig.Cache.PutViewAsync(view, Epoch, Now());
        var productKey = rig.Keys.Product(code);
        var packKey = rig.Keys.Pack(code, Samples.Serial);
        await rig.Db.KeyDeleteAsync(packKey);
        await rig.Db.KeyExpireAsync(productKey, TimeSpan.FromMinutes(1));

        // A pack seen for the first time: product and batch are cached and current, only the pack is written.
        var found = await rig.Cache.LookUpAsync(code, Samples.Serial, Samples.Lot, default);
        Assert.Null(found.View);
        Assert.Equal(new CachedStamp(1, Epoch), found.Product);
        Assert.Equal(CacheWrite.Confirmed, await rig.Cache.PutViewAsync(view, Epoch, Now(), found: found));
        Assert.Equal(new CachedView(view, Epoch), await rig.GetAsync(code));
        Assert.InRange((await rig.Db.KeyTimeToLiveAsync(productKey))!.Value, TimeSpan.Zero, TimeSpan.FromMinutes(1));

        // In a later epoch every part is outdated, so every part is written.
        found = await rig.Cache.LookUpAsync(code, Samples.Serial, Samples.Lot, default);
        await rig.Cache.PutViewAsync(view, Epoch + 1, Now(), found: found);
        Assert.Equal(new CachedView(view, Epoch + 1), await rig.GetAsync(code));
        Assert.True((await rig.Db.KeyTimeToLiveAsync(productKey))!.Value > TimeSpan.FromMinutes(1));
    }

    protected async Task RacingWritersKeepTheNewestVersion()
    {
        await using var rig = await StartAsync();
        // Separate instances on separate connections, so the writes really interleave on the server.
        RedisPackStatusCache[] caches = [rig.Cache, await rig.ConnectAsync(), await rig.ConnectAsync(), await rig.ConnectAsync()];
        var code = Samples.NewProductCode();
        await rig.Cache.PutViewAsync(Samples.View(code), Epoch, Now());

        var versions = Enumerable.Range(1, 400).OrderBy(_ => Random.Shared.Next()).ToArray();
        await Task.WhenAll(versions.Select((version, i) => caches[i % caches.Length]
            .PutBatchAsync(Samples.Batch(version: version, recalled: version % 2 == 0), code, Epoch, Now()).AsTask()));

        var cached = await rig.GetAsync(code);
        Assert.Equal(Samples.Batch(version: 400, recalled: true), cached!.View.ScannedBatch);
    }
}
