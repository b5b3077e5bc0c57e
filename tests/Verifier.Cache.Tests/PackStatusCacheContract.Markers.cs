using System.Diagnostics;
using Verifier.Core.Packs;

namespace Verifier.Cache.Tests;

/// <summary>Markers: placed before a change commits, they hide the key and refuse fills until every writer has published.</summary>
public abstract partial class PackStatusCacheContract
{
    protected async Task MarkedKeyMissesAndRefusesFills()
    {
        await using var rig = await StartAsync();
        var code = Samples.NewProductCode();
        var view = Samples.View(code);
        await rig.Cache.PutViewAsync(view, Epoch, Now());

        var mark = await rig.Cache.MarkPackAsync(code, Samples.Serial);
        Assert.True(mark.Confirmed);
        Assert.Null(await rig.GetAsync(code));

        // A fill from a reader that raced the change. Its version is above the publish's so that a
        // landed fill would show: it would keep the publish out as older.
        var fill = view with { Pack = Samples.Pack(version: 9) };
        Assert.Equal(CacheWrite.Confirmed, await rig.Cache.PutViewAsync(fill, Epoch, Now()));
        Assert.Null(await rig.GetAsync(code));

        var changed = view with { Pack = Samples.Pack(version: 4, state: PackState.Active) };
        Assert.Equal(CacheWrite.Confirmed, await rig.Cache.PutViewAsync(changed, Epoch, Now(), mark));
        Assert.Equal(new CachedView(changed, Epoch), await rig.GetAsync(code));
    }

    protected async Task KeyStaysHiddenUntilEveryMarkerIsPublished()
    {
        await using var rig = await StartAsync();
        var other = await rig.ConnectAsync();
        var code = Samples.NewProductCode();
        var view = Samples.View(code);
        await rig.Cache.PutViewAsync(view, Epoch, Now());

        // Two instances change the same pack at once; the second's change may be the newer one.
        var first = await rig.Cache.MarkPackAsync(code, Samples.Serial);
        var second = await other.MarkPackAsync(code, Samples.Serial);
        await rig.Cache.PutViewAsync(view with { Pack = Samples.Pack(version: 4, state: PackState.Active) }, Epoch, Now(), first);
        Assert.Null(await rig.GetAsync(code));

        var last = view with { Pack = Samples.Pack(version: 5) };
        await other.PutViewAsync(last, Epoch, Now(), second);
        Assert.Equal(new CachedView(last, Epoch), await rig.GetAsync(code));
    }

    protected async Task ReleaseWithoutPayloadDeletesTheMarkedKey()
    {
        await using var rig = await StartAsync();
        var code = Samples.NewProductCode();
        var view = Samples.View(code);
        // Each way a publish can come without a pack value: no pack, a pack that cannot be encoded, no product.
        PackView[] releases =
        [
            view with { Pack = null },
            view with { Pack = Samples.Pack() with { ChangedByLocation = "a\u001fb" } },
            PackView.Unknown,
        ];

        foreach (var release in releases)
        {
            await rig.Cache.PutViewAsync(view, Epoch, Now());
            var mark = await rig.Cache.MarkPackAsync(code, Samples.Serial);

            Assert.Equal(CacheWrite.Confirmed, await rig.Cache.PutViewAsync(release, Epoch, Now(), mark));

            // Deleted, not unmarked: the payload under the marker predates the change.
            Assert.False(await rig.Db.KeyExistsAsync(rig.Keys.Pack(code, Samples.Serial)), $"{release} left the key");
            Assert.Null(await rig.GetAsync(code));
        }
    }

    protected async Task ReleaseLeavesOtherMarkers()
    {
        await using var rig = await StartAsync();
        var code = Samples.NewProductCode();
        var view = Samples.View(code);
        await rig.Cache.PutViewAsync(view, Epoch, Now());
        var first = await rig.Cache.MarkPackAsync(code, Samples.Serial);
        var second = await rig.Cache.MarkPackAsync(code, Samples.Serial);

        await rig.Cache.PutViewAsync(view with { Pack = null }, Epoch, Now(), first);
        Assert.Equal($"3\u001f{Epoch}\u001f{second.Token}", OmitPayload(await rig.PackValueAsync(code)));
        Assert.Null(await rig.GetAsync(code));

        await rig.Cache.PutViewAsync(view with { Pack = null }, Epoch, Now(), second);
        Assert.False(await rig.Db.KeyExistsAsync(rig.Keys.Pack(code, Samples.Serial)));
    }

    protected async Task MarkerExpiresWithTheKey()
    {
        await using var rig = await StartAsync();
        var code = Samples.NewProductCode();
        var key = rig.Keys.Pack(code, Samples.Serial);
        var markTtl = rig.Options.MarkTtl;
        await rig.Cache.PutViewAsync(Samples.View(code), Epoch, Now());

        // The first marker cuts the pack's hour down to MarkTtl, so a dead writer's key goes soon, payload and all.
        await rig.Cache.MarkPackAsync(code, Samples.Serial);
        Assert.InRange((await rig.Db.KeyTimeToLiveAsync(key))!.Value, markTtl / 2, markTtl);

        // A later, shorter marker never shortens an earlier one's life: that life is what a cover counts on.
        await rig.Db.ScriptEvaluateAsync(CacheScripts.Mark, [key], ["short", 300]);
        Assert.InRange((await rig.Db.KeyTimeToLiveAsync(key))!.Value, markTtl / 2, markTtl);

        // The cache demands a MarkTtl of over five seconds, so a short-lived marker is placed by the script itself.
        var other = Samples.NewProductCode();
        var otherKey = rig.Keys.Pack(other, Samples.Serial);
        await rig.Cache.PutViewAsync(Samples.View(other), Epoch, Now());
        await rig.Db.ScriptEvaluateAsync(CacheScripts.Mark, [otherKey], ["abandoned", 300]);
        Assert.Null(await rig.GetAsync(other));
        for (var poll = 0; poll < 100 && await rig.Db.KeyExistsAsync(otherKey); poll++)
        {
            await Task.Delay(50);
        }

        Assert.False(await rig.Db.KeyExistsAsync(otherKey));
        await rig.Cache.PutViewAsync(Samples.View(other), Epoch, Now());
        Assert.NotNull(await rig.GetAsync(other));
    }

    protected async Task ConfirmedMarkCoversForItsWindow()
    {
        await using var rig = await StartAsync();
        var code = Samples.NewProductCode();
        var window = rig.Options.MarkTtl - rig.Options.MaxWriteAge - TimeSpan.FromSeconds(5);

        var before = Stopwatch.GetTimestamp();
        var mark = await rig.Cache.MarkPackAsync(code, Samples.Serial);
        var after = Stopwatch.GetTimestamp();

        Assert.True(mark.Confirmed);
        Assert.True(mark.Covers());
        // Counted from before the marker was sent: it can only have started later.
        Assert.InRange(mark.CoversUntil, before + Ticks(window), after + Ticks(window));

        // A code that cannot be keyed is never cached, so there is nothing to mark.
        Assert.Same(CacheMark.NoCache, await rig.Cache.MarkPackAsync("0415:1", Samples.Serial));
    }

    /// <summary>The header and markers of a stored value, without its payload.</summary>
    private static string OmitPayload(string? value) => string.Join('\u001f', value!.Split('\u001f').Take(3));
}
