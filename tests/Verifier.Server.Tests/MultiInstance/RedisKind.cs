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
/// The multi-instance tests run one at a time: each starts three servers and a Redis, and some
/// measure how quickly an answer comes on a 2-core machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MultiInstanceCollection
{
    public const string Name = "multi-instance deployment";
}
