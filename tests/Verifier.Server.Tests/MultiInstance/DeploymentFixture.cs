using Verifier.Testing;

namespace Verifier.Server.Tests.MultiInstance;

/// <summary>
/// One deployment shared by the tests of a class that leave all of it running: each test uploads
/// its own product, so they share servers without sharing packs. Starting three servers costs
/// seconds on a 2-core machine; starting them once per class keeps the folder quick.
/// </summary>
public abstract class DeploymentFixture(RedisKind redis) : IAsyncLifetime
{
    private Deployment? _deployment;

    public Deployment Deployment => _deployment ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        // xunit creates class fixtures even when every test of the class is skipped for a missing redis.
        var missing = redis == RedisKind.Single
            ? RedisServerProcess.Locate() is null ? "redis-server" : null
            : RedisClusterProcess.MissingPrerequisite();
        if (missing is null) _deployment = await Deployment.StartAsync(redis);
    }

    public async Task DisposeAsync()
    {
        if (_deployment is not null) await _deployment.DisposeAsync();
    }
}

public sealed class DeploymentOnRedisServer() : DeploymentFixture(RedisKind.Single);

public sealed class DeploymentOnRedisCluster() : DeploymentFixture(RedisKind.Cluster);
