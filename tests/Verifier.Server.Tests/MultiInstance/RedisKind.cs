using Verifier.Testing;

namespace Verifier.Server.Tests.MultiInstance;

/// <summary>The Redis the instances share: every multi-instance test runs once on each.</summary>
public enum RedisKind
{
    /// <summary>One redis-server.</summary>
    Single,

    /// <summary>A Redis Cluster of three masters: keys of one pack, batch and product land on different nodes.</summary>
    Cluster,
}

internal static class RedisKindStart
{
    public static async Task<IRedisDeployment> StartAsync(this RedisKind kind) => kind switch
    {
        RedisKind.Single => RedisServerProcess.Start(),
        RedisKind.Cluster => await RedisClusterProcess.StartAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>
/// The multi-instance tests run one at a time and not beside other test classes: each starts three
/// servers and a Redis, and the kill -9 test needs its load to reach every instance within seconds,
/// which other classes' servers competing for 2 cores can prevent.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiInstanceCollection
{
    public const string Name = "multi-instance deployment";
}
