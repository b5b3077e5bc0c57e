using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using Xunit.Abstractions;
using static Verifier.Server.Tests.MultiInstance.MasterDataUploads;

namespace Verifier.Server.Tests.MultiInstance;

/// <summary>
/// kill -9 of one instance in the middle of a mixed load over all three: no acknowledged
/// decommission is lost, no status check that started after a decommission was acknowledged
/// answers "active" (whichever instance acknowledged it and whichever answers), and the killed
/// instance comes back on the same store answering correctly.
/// </summary>
public abstract class KillMidLoadTests(RedisKind redis, ITestOutputHelper output)
{
    private const int Packs = 180;
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(20); // the load lasts about 3.6 s
    // The checks afterwards run a few at a time: hundreds of sequential calls would dominate the test.
    private static readonly ParallelOptions Checks = new() { MaxDegreeOfParallelism = 6 };
    private static readonly TimeSpan KillAfter = TimeSpan.FromMilliseconds(1800);

    private sealed record Verification(Pack Pack, string Instance, long StartedAt, bool Active, string Answer);

    private sealed record Acknowledgement(Pack Pack, string Instance, long At, string SystemTransactionId);

    [ServerFact]
    public async Task No_acknowledged_decommission_is_lost_or_answered_active_when_an_instance_is_killed_mid_load()
    {
        await using var deployment = await Deployment.StartAsync(redis);
        var packs = await UploadBatchAsync(deployment.B, Packs);
        var untouched = await UploadBatchAsync(deployment.B, 3, packs[0].ProductCode, "LOT-2");
        // The untouched packs are cached as active on every instance, A included.
        foreach (var instance in deployment.All)
        {
            foreach (var pack in untouched) await instance.VerifyAsync(pack);
        }

        var instances = deployment.All; // captured: calls to A after the kill fail as a client's would
        var verifications = new ConcurrentBag<Verification>();
        var acknowledgements = new ConcurrentBag<Acknowledgement>();
        var failedCalls = 0;

        async Task VerifyAsync(Pack pack, Instance instance)
        {
            var startedAt = Stopwatch.GetTimestamp();
            try
            {
                var result = await instance.VerifyAsync(pack);
                verifications.Add(new Verification(pack, instance.Name, startedAt, result.Status.Active, result.Describe()));
            }
            catch (RpcException)
            {
                Interlocked.Increment(ref failedCalls);
            }
        }

        // Each pack is checked through two instances (their caches warm), decommissioned through the
        // third and checked again through the first two; which instance plays which part rotates.
        async Task LifeOfAsync(Pack pack, int i)
        {
            var (checker, other, decommissioner) = (instances[i % 3], instances[(i + 2) % 3], instances[(i + 1) % 3]);
            await Task.Delay(Spacing * i);
            await VerifyAsync(pack, checker);
            await VerifyAsync(pack, other);
            try
            {
                var result = await decommissioner.SupplyAsync(pack);
                if (result.Outcome == Outcome.Success)
                {
                    acknowledgements.Add(new Acknowledgement(pack, decommissioner.Name, Stopwatch.GetTimestamp(), result.SystemTransactionId));
                }
            }
            catch (RpcException)
            {
                // Cut off by the kill: not acknowledged, so either state is allowed.
                Interlocked.Increment(ref failedCalls);
            }
            await VerifyAsync(pack, other);
            await VerifyAsync(pack, checker);
        }

        var load = Task.WhenAll(packs.Select(LifeOfAsync));
        await Task.Delay(KillAfter);
        var killedAt = Stopwatch.GetTimestamp();
        deployment.Kill(0);
        await load.WaitAsync(TimeSpan.FromSeconds(40));

        var acknowledged = acknowledgements.ToDictionary(a => a.Pack);
        output.WriteLine($"{acknowledged.Count} of {Packs} decommissions acknowledged ({acknowledgements.Count(a => a.Instance == "A")} by A before its kill), "
            + $"{verifications.Count} status checks answered, {failedCalls} calls cut off by the kill");
        Assert.Contains(acknowledgements, a => a.Instance == "A");
        Assert.Contains(acknowledgements, a => a.At > killedAt);

        var staleAnswers = verifications
            .Where(v => v.Active && acknowledged.TryGetValue(v.Pack, out var ack) && v.StartedAt > ack.At)
            .Select(v => $"{v.Pack} on {v.Instance} after {acknowledged[v.Pack].Instance} acknowledged its decommission")
            .ToArray();
        Assert.True(staleAnswers.Length == 0, $"{staleAnswers.Length} status checks answered ACTIVE after an acknowledged decommission: {string.Join("; ", staleAnswers.Take(10))}");

        await Parallel.ForEachAsync(acknowledged.Values, Checks, async (ack, _) => await AssertSuppliedAsync(ack, deployment.B, deployment.C));

        var restarted = await deployment.RestartAsync(0);
        await Parallel.ForEachAsync(acknowledged.Values, Checks, async (ack, _) => await AssertSuppliedAsync(ack, restarted));
        foreach (var pack in untouched) Assert.Equal("ACTIVE", (await restarted.VerifyAsync(pack)).Describe());
        var late = untouched[0];
        Assert.Equal(Outcome.Success, (await restarted.SupplyAsync(late)).Outcome);
        Assert.Equal("INACTIVE Supplied/Supplied", (await deployment.B.VerifyAsync(late)).Describe());
    }

    /// <summary>The store has the decommission (its audit entry, as the operator sees it) and every instance answers it.</summary>
    private static async Task AssertSuppliedAsync(Acknowledgement ack, params Instance[] instances)
    {
        foreach (var instance in instances)
        {
            var answer = (await instance.VerifyAsync(ack.Pack)).Describe();
            Assert.True(answer == "INACTIVE Supplied/Supplied", $"{ack.Pack}, decommissioned through {ack.Instance}, answered {answer} by {instance.Name}");
        }
        var history = await instances[0].HistoryAsync(ack.Pack);
        Assert.Contains(history, e => e.SystemTransactionId == ack.SystemTransactionId && e.Outcome == Outcome.Success && e.StateAfter == PackState.Supplied);
    }
}

[Collection(MultiInstanceCollection.Name)]
public sealed class KillMidLoadOnRedisServer(ITestOutputHelper output) : KillMidLoadTests(RedisKind.Single, output), INeedsRedisServer;

[Collection(MultiInstanceCollection.Name)]
public sealed class KillMidLoadOnRedisCluster(ITestOutputHelper output) : KillMidLoadTests(RedisKind.Cluster, output), INeedsRedisCluster;
