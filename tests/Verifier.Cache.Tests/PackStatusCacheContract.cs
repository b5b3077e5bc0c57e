using System.Diagnostics;
using Verifier.Core.Packs;

namespace Verifier.Cache.Tests;

/// <summary>
/// What every RESP backend must do for <see cref="RedisPackStatusCache"/>: the Lua scripts must
/// behave the same on Redis and on Garnet. The scenarios live in the parts of this class (views
/// here; set-if-newer, markers, delivery beside it); each backend's test class exposes them as
/// facts with the backend's own skip rule.
/// </summary>
public abstract partial class PackStatusCacheContract
{
    /// <summary>The cache epoch most scenarios write in; only whether parts share it matters to the cache.</summary>
    private const long Epoch = 1;

    protected abstract ICacheBackend StartBackend();

    private Task<CacheRig> StartAsync() => CacheRig.StartAsync(StartBackend());

    /// <summary>A read of SQL that begins now, as the server stamps it before reading.</summary>
    private static long Now() => Stopwatch.GetTimestamp();

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    protected async Task MissReturnsNull()
    {
        await using var rig = await StartAsync();
        var code = Samples.NewProductCode();

        Assert.Null(await rig.GetAsync(code));

        // A partial view is a miss too: the caller must read SQL for the rest.
        await rig.Cache.PutProductAsync(Samples.Product(code), Epoch, Now());
        await rig.Cache.PutBatchAsync(Samples.Batch(), code, Epoch, Now());
        Assert.Null(await rig.GetAsync(code));
        Assert.True(rig.Cache.IsAvailable);
    }

    protected async Task PutThenGetRoundTripsWithItsEpoch()
    {
        await using var rig = await StartAsync();
        var code = Samples.NewProductCode();
        var view = Samples.View(code);

        Assert.Equal(CacheWrite.Confirmed, await rig.Cache.PutViewAsync(view, 42, Now()));

        Assert.Equal(new CachedView(view, 42), await rig.GetAsync(code));
    }

    protected async Task PartsOfDifferentEpochsMiss()
    {
        await using var rig = await StartAsync();
        var code = Samples.NewProductCode();
        var view = Samples.View(code);
        await rig.Cache.PutViewAsync(view, 1, Now());

        // The parts now come from two SQL snapshots; a view reports one epoch, so it cannot be assembled.
        var recalled = Samples.Batch(version: 2, recalled: true);
        await rig.Cache.PutBatchAsync(recalled, code, 2, Now());
        Assert.Null(await rig.GetAsync(code));

        // The next fill in the new epoch makes the view whole again.
        var refilled = view with { ScannedBatch = recalled, PackBatch = recalled };
        await rig.Cache.PutViewAsync(refilled, 2, Now());
        Assert.Equal(new CachedView(refilled, 2), await rig.GetAsync(code));
    }

    protected async Task PackUnderAnotherBatchRoundTrips()
    {
        await using var rig = await StartAsync();
        var code = Samples.NewProductCode();
        var scanned = Samples.Batch("LOT-B", id: 71);
        var own = Samples.Batch("LOT-A", id: 70);
        var view = new PackView(Samples.Product(code), scanned, Samples.Pack(batchId: own.Id), own);

        await rig.Cache.PutViewAsync(view, Epoch, Now());

        Assert.Equal(new CachedView(view, Epoch), await rig.GetAsync(code, "LOT-B"));
        Assert.Null(await rig.GetAsync(code, "LOT-C"));
    }

    protected async Task RecallAndWithdrawalAreSeenByNextGet()
    {
        await using var rig = await StartAsync();
        var code = Samples.NewProductCode();
        await rig.Cache.PutViewAsync(Samples.View(code), Epoch, Now());

        // As the server changes a batch or a product: mark its one key, commit, publish with the mark.
        var batchMark = await rig.Cache.MarkBatchAsync(code, Samples.Lot);
        Assert.Null(await rig.GetAsync(code));
        await rig.Cache.PutBatchAsync(Samples.Batch(version: 2, recalled: true), code, Epoch, Now(), batchMark);
        var recalled = (await rig.GetAsync(code))!.View;
        Assert.True(recalled.ScannedBatch!.Recalled);
        Assert.True(recalled.PackBatch!.Recalled);
        Assert.Equal(Samples.Pack(), recalled.Pack);

        var productMark = await rig.Cache.MarkProductAsync(code);
        Assert.Null(await rig.GetAsync(code));
        await rig.Cache.PutProductAsync(Samples.Product(code, version: 2, withdrawn: true), Epoch, Now(), productMark);
        var withdrawn = (await rig.GetAsync(code))!.View;
        Assert.True(withdrawn.Product!.Withdrawn);
    }

    protected async Task PackKeysCarryTtl()
    {
        await using var rig = await StartAsync();
        var code = Samples.NewProductCode();

        await rig.Cache.PutViewAsync(Samples.View(code), Epoch, Now());

        var packTtl = await rig.Db.KeyTimeToLiveAsync(rig.Keys.Pack(code, Samples.Serial));
        var productTtl = await rig.Db.KeyTimeToLiveAsync(rig.Keys.Product(code));
        var batchTtl = await rig.Db.KeyTimeToLiveAsync(rig.Keys.Batch(code, Samples.Lot));
        Assert.InRange(packTtl!.Value, TimeSpan.FromMinutes(1), CacheRig.PackTtl);
        Assert.True(productTtl > CacheRig.PackTtl, $"product TTL {productTtl} should outlive pack TTL");
        Assert.True(batchTtl > CacheRig.PackTtl, $"batch TTL {batchTtl} should outlive pack TTL");
    }
}
