using System.Net;
using System.Net.Sockets;

namespace Verifier.Cache.Tests;

/// <summary>A server configured with a Redis that is not there must start and serve from SQL.</summary>
public sealed class UnreachableCacheTests
{
    [Fact]
    public async Task Cache_without_a_server_misses_and_never_throws()
    {
        await using var cache = await RedisPackStatusCache.ConnectAsync(new RedisCacheOptions
        {
            Configuration = $"127.0.0.1:{UnusedLoopbackPort()}",
            ConnectTimeout = TimeSpan.FromMilliseconds(200),
        });
        var code = Samples.NewProductCode();

        for (var call = 0; call < 5; call++)
        {
            Assert.Null(await cache.TryGetViewAsync(code, Samples.Serial, Samples.Lot, default));
            await cache.PutViewAsync(Samples.View(code), default);
            await cache.PutBatchAsync(Samples.Batch(), code);
            await cache.PutProductAsync(Samples.Product(code));
        }

        Assert.False(cache.IsAvailable);
    }

    [Fact]
    public async Task Caller_cancellation_is_honoured()
    {
        await using var cache = await RedisPackStatusCache.ConnectAsync(new RedisCacheOptions
        {
            Configuration = $"127.0.0.1:{UnusedLoopbackPort()}",
            ConnectTimeout = TimeSpan.FromMilliseconds(200),
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await cache.TryGetViewAsync("P", "S", "B", new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Calls_after_disposal_miss_instead_of_throwing()
    {
        var cache = await RedisPackStatusCache.ConnectAsync(new RedisCacheOptions
        {
            Configuration = $"127.0.0.1:{UnusedLoopbackPort()}",
            ConnectTimeout = TimeSpan.FromMilliseconds(200),
        });
        await cache.DisposeAsync();
        var code = Samples.NewProductCode();

        Assert.Null(await cache.TryGetViewAsync(code, Samples.Serial, Samples.Lot, default));
        await cache.PutViewAsync(Samples.View(code), default);
        Assert.False(cache.IsAvailable);
    }

    private static int UnusedLoopbackPort()
    {
        // Bound but never listening: connections are refused at once.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
