using StackExchange.Redis;

namespace Verifier.Cache.Tests;

public sealed class EmbeddedGarnetServerTests
{
    [Fact]
    public async Task Free_port_is_chosen_and_serves_resp_with_lua()
    {
        await using var server = EmbeddedGarnetServer.Start(new EmbeddedGarnetOptions { MemoryBytes = 16L << 20, IndexBytes = 1L << 20 });
        await using var connection = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var db = connection.GetDatabase();

        Assert.NotEqual(0, server.Port);
        Assert.Equal(server.Port, server.Endpoint.Port);
        Assert.Equal(VersionedWrite.Written, (int)await db.ScriptEvaluateAsync(VersionedWrite.Script, ["k"], [5, "5\u001fnew", 60_000]));
        Assert.Equal(VersionedWrite.KeptNewer, (int)await db.ScriptEvaluateAsync(VersionedWrite.Script, ["k"], [4, "4\u001fold", 60_000]));
        Assert.Equal(VersionedWrite.Refreshed, (int)await db.ScriptEvaluateAsync(VersionedWrite.Script, ["k"], [5, "5\u001fnew", 60_000]));
        Assert.Equal("5\u001fnew", (string?)await db.StringGetAsync("k"));
    }

    [Fact]
    public void Memory_below_the_minimum_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddedGarnetServer.Start(new EmbeddedGarnetOptions { MemoryBytes = 1 << 20 }));
}
