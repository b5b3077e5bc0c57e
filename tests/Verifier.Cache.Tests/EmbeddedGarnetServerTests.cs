using StackExchange.Redis;

namespace Verifier.Cache.Tests;

public sealed class EmbeddedGarnetServerTests
{
    /// <summary>Garnet runs Lua only when told to; both cache scripts must run on it (the contract tests the rest).</summary>
    [Fact]
    public async Task Free_port_is_chosen_and_serves_resp_with_lua()
    {
        await using var server = EmbeddedGarnetServer.Start(new EmbeddedGarnetOptions { MemoryBytes = 16L << 20, IndexBytes = 1L << 20 });
        await using var connection = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var db = connection.GetDatabase();

        Assert.NotEqual(0, server.Port);
        Assert.Equal(server.Port, server.Endpoint.Port);
        // Write ARGV: version, epoch, payload, TTL ms, token, marker TTL ms. Results: 1 written, 0 kept, 2 refreshed.
        Assert.Equal(1, (int)await db.ScriptEvaluateAsync(CacheScripts.Write, ["k"], [5, 1, "new", 60_000, "", 30_000]));
        Assert.Equal(0, (int)await db.ScriptEvaluateAsync(CacheScripts.Write, ["k"], [4, 1, "old", 60_000, "", 30_000]));
        Assert.Equal(2, (int)await db.ScriptEvaluateAsync(CacheScripts.Write, ["k"], [5, 1, "new", 60_000, "", 30_000]));
        Assert.Equal("5\u001f1\u001f\u001fnew", (string?)await db.StringGetAsync("k"));

        await db.ScriptEvaluateAsync(CacheScripts.Mark, ["k"], ["tok", 30_000]);
        Assert.Equal("5\u001f1\u001ftok\u001fnew", (string?)await db.StringGetAsync("k"));
        await db.ScriptEvaluateAsync(CacheScripts.Write, ["k"], [0, 0, "", 30_000, "tok", 30_000]);
        Assert.False(await db.KeyExistsAsync("k"));
    }

    [Fact]
    public void Memory_below_the_minimum_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddedGarnetServer.Start(new EmbeddedGarnetOptions { MemoryBytes = 1 << 20 }));
}
