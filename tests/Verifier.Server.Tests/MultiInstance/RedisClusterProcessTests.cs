using StackExchange.Redis;
using Verifier.Testing;

namespace Verifier.Server.Tests.MultiInstance;

/// <summary>The cluster the multi-instance tests run on is a real one: keys spread over all three masters.</summary>
public sealed class RedisClusterProcessTests
{
    [RedisClusterFact]
    public async Task Three_masters_serve_keys_through_StackExchange_Redis()
    {
        await using var cluster = await RedisClusterProcess.StartAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(cluster.Configuration);
        var database = connection.GetDatabase();

        var keys = Enumerable.Range(0, 64).Select(i => $"probe:{i}").ToArray();
        foreach (var key in keys) Assert.True(await database.StringSetAsync(key, key + "-value"));
        foreach (var key in keys) Assert.Equal(key + "-value", (string?)await database.StringGetAsync(key));

        var servers = connection.GetServers();
        Assert.Equal(3, servers.Length);
        Assert.All(servers, server =>
        {
            Assert.Equal(ServerType.Cluster, server.ServerType);
            Assert.False(server.IsReplica);
            Assert.InRange(server.DatabaseSize(), 1, keys.Length - 1); // every master holds some keys, none all
        });
        Assert.Equal(keys.Length, servers.Sum(server => server.DatabaseSize()));
    }
}
