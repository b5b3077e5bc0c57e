using StackExchange.Redis;
using Verifier.Testing;

namespace Verifier.Cache.Tests;

public sealed class RedisCacheOptionsTests
{
    [Fact]
    public void Connection_fails_fast_instead_of_queueing()
    {
        var options = new RedisCacheOptions
        {
            Configuration = "redis-a:6379,redis-b:6380",
            ConnectTimeout = TimeSpan.FromMilliseconds(400),
            OperationTimeout = TimeSpan.FromMilliseconds(300),
        };

        var configuration = options.ToConfiguration();

        Assert.False(configuration.AbortOnConnectFail);
        Assert.Same(BacklogPolicy.FailFast, configuration.BacklogPolicy);
        Assert.Equal(400, configuration.ConnectTimeout);
        Assert.Equal(300, configuration.SyncTimeout);
        Assert.Equal(300, configuration.AsyncTimeout);
        Assert.Equal(2, configuration.EndPoints.Count);
    }

    [Fact]
    public void Defaults_keep_packs_shorter_than_products_and_batches()
    {
        var options = new RedisCacheOptions();

        Assert.Equal("vf2:", options.KeyPrefix);
        Assert.True(options.PackTtl < options.ProductTtl);
        Assert.True(options.PackTtl < options.BatchTtl);
        Assert.InRange(options.OperationTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500));
    }

    /// <summary>A marker that could expire before the oldest write it must refuse would cover no commit.</summary>
    [Fact]
    public async Task Marker_ttl_must_leave_room_for_the_write_age()
    {
        var defaults = new RedisCacheOptions { Configuration = $"127.0.0.1:{LoopbackPort.Free()}" };
        var tooShort = new RedisCacheOptions
        {
            Configuration = defaults.Configuration,
            MarkTtl = TimeSpan.FromSeconds(10),
            MaxWriteAge = TimeSpan.FromSeconds(5),
        };
        await using var connection = await ConnectionMultiplexer.ConnectAsync(defaults.ToConfiguration());

        Assert.Throws<ArgumentException>(() => new RedisPackStatusCache(connection, tooShort));
        Assert.True(new RedisPackStatusCache(connection, defaults).KeyPrefix.Length > 0);
    }
}
