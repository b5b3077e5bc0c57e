using Verifier.Server.Tests.Infrastructure;

namespace Verifier.Server.Tests.MultiInstance;

/// <summary>
/// The multi-instance tests that leave the deployment whole (every instance running, Redis resumed),
/// so they share one per Redis kind. The scenarios live in their own files (partial class).
/// </summary>
public abstract partial class SharedDeploymentTests(DeploymentFixture fixture)
{
    private static readonly TimeSpan WarmWithin = TimeSpan.FromSeconds(10);

    private Deployment Deployment => fixture.Deployment;

    private Instance A => Deployment.A;

    private Instance B => Deployment.B;

    private Instance C => Deployment.C;

    /// <summary>
    /// Status checks on each instance until Redis holds the pack: the cache is warm for every
    /// instance that asked. Retried because an earlier test may have left a cache breaker open
    /// for a moment (then answers come from SQL and nothing is cached).
    /// </summary>
    private async Task WarmAsync(Pack pack, params Instance[] instances)
    {
        var deadline = DateTime.UtcNow + WarmWithin;
        while (true)
        {
            foreach (var instance in instances)
            {
                Assert.Equal("ACTIVE", (await instance.VerifyAsync(pack)).Describe());
            }
            if (await Deployment.IsCachedAsync(pack)) return;
            Assert.True(DateTime.UtcNow < deadline, $"pack {pack} was not cached within {WarmWithin}: the test would prove nothing");
            await Task.Delay(250);
        }
    }

    /// <summary>Asks every instance before asserting, so a failure names each instance's answer.</summary>
    private static async Task AssertAnsweredAsync(Pack pack, string expected, params Instance[] instances)
    {
        var answers = new List<string>();
        foreach (var instance in instances) answers.Add($"{instance.Name}: {(await instance.VerifyAsync(pack)).Describe()}");
        Assert.True(answers.All(answer => answer.EndsWith(": " + expected, StringComparison.Ordinal)),
            $"pack {pack} expected {expected} everywhere, answered {string.Join(", ", answers)}");
    }
}

[Collection(MultiInstanceCollection.Name)]
public sealed class SharedDeploymentOnRedisServer(DeploymentOnRedisServer fixture)
    : SharedDeploymentTests(fixture), IClassFixture<DeploymentOnRedisServer>, INeedsRedisServer;

[Collection(MultiInstanceCollection.Name)]
public sealed class SharedDeploymentOnRedisCluster(DeploymentOnRedisCluster fixture)
    : SharedDeploymentTests(fixture), IClassFixture<DeploymentOnRedisCluster>, INeedsRedisCluster;
