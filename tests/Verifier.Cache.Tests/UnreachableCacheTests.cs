using System.Diagnostics;
using Verifier.Testing;

namespace Verifier.Cache.Tests;

/// <summary>A server configured with a Redis that is not there must start and serve from SQL.</summary>
public sealed class UnreachableCacheTests
{
    [Fact]
    public async Task Cache_without_a_server_misses_and_never_throws()
    {
        await using var cache = await ConnectToNothing();
        var code = Samples.NewProductCode();

        for (var call = 0; call < 5; call++)
        {
            Assert.Null((await cache.LookUpAsync(code, Samples.Serial, Samples.Lot, default)).View);
            var mark = await cache.MarkPackAsync(code, Samples.Serial);
            Assert.False(mark.Covers());
            // Nothing answered, so nothing may be reported Confirmed.
            Assert.NotEqual(CacheWrite.Confirmed, await cache.PutViewAsync(Samples.View(code), 1, Stopwatch.GetTimestamp(), mark));
            Assert.NotEqual(CacheWrite.Confirmed, await cache.PutViewAsync(Samples.View(code), 1, Stopwatch.GetTimestamp()));
            Assert.NotEqual(CacheWrite.Confirmed, await cache.PutBatchAsync(Samples.Batch(), code, 1, Stopwatch.GetTimestamp()));
            Assert.NotEqual(CacheWrite.Confirmed, await cache.PutProductAsync(Samples.Product(code), 1, Stopwatch.GetTimestamp()));
        }

        Assert.False(cache.IsAvailable);
    }

    [Fact]
    public async Task Caller_cancellation_is_honoured()
    {
        await using var cache = await ConnectToNothing();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await cache.LookUpAsync("P", "S", "B", new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Calls_after_disposal_miss_instead_of_throwing()
    {
        var cache = await ConnectToNothing();
        await cache.DisposeAsync();
        var code = Samples.NewProductCode();

        Assert.Null((await cache.LookUpAsync(code, Samples.Serial, Samples.Lot, default)).View);
        Assert.False((await cache.MarkPackAsync(code, Samples.Serial)).Confirmed);
        Assert.NotEqual(CacheWrite.Confirmed, await cache.PutViewAsync(Samples.View(code), 1, Stopwatch.GetTimestamp()));
        Assert.False(cache.IsAvailable);
    }

    /// <summary>A loopback port nobody listens on: connections are refused at once.</summary>
    private static Task<RedisPackStatusCache> ConnectToNothing() => RedisPackStatusCache.ConnectAsync(new RedisCacheOptions
    {
        Configuration = $"127.0.0.1:{LoopbackPort.Free()}",
        ConnectTimeout = TimeSpan.FromMilliseconds(200),
    });
}
