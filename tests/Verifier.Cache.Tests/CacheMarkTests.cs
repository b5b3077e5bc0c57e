using System.Diagnostics;

namespace Verifier.Cache.Tests;

/// <summary>When a marker lets a change commit without advancing the cache epoch.</summary>
public sealed class CacheMarkTests
{
    [Fact]
    public void No_cache_covers_every_change() => Assert.True(CacheMark.NoCache.Covers());

    [Fact]
    public void Confirmed_mark_covers_until_its_window_ends()
    {
        var now = Stopwatch.GetTimestamp();

        Assert.True(new CacheMark("k", "t", confirmed: true, coversUntil: now + Stopwatch.Frequency).Covers());
        Assert.False(new CacheMark("k", "t", confirmed: true, coversUntil: now).Covers());
    }

    [Fact]
    public void Unconfirmed_mark_never_covers() => Assert.False(CacheMark.Unconfirmed("k", "t").Covers());
}
