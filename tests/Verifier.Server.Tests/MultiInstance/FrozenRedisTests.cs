using System.Diagnostics;
using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.MultiInstance.MasterDataUploads;

namespace Verifier.Server.Tests.MultiInstance;

/// <summary>
/// Redis frozen during writes: a Redis that hangs (SIGSTOP, every node of a cluster) while a pack is
/// decommissioned costs a little time, never an answer; when it resumes with its old entries,
/// no instance answers from them.
/// </summary>
public abstract partial class SharedDeploymentTests
{
    private static readonly TimeSpan DecommissionWhileFrozenWithin = TimeSpan.FromSeconds(5);

    [ServerFact]
    public async Task A_decommission_while_redis_hangs_succeeds_and_every_instance_answers_it_after_redis_resumes()
    {
        var packs = await UploadBatchAsync(A, 3);
        foreach (var pack in packs) await WarmAsync(pack, A, B, C);

        foreach (var pack in packs)
        {
            PackResult supplied, verifiedWhileFrozen;
            var clock = Stopwatch.StartNew();
            Deployment.Redis.Pause();
            try
            {
                supplied = await A.SupplyAsync(pack);
                clock.Stop();
                verifiedWhileFrozen = await B.VerifyAsync(pack);
            }
            finally
            {
                Deployment.Redis.Resume();
            }

            Assert.Equal(Outcome.Success, supplied.Outcome);
            Assert.True(clock.Elapsed < DecommissionWhileFrozenWithin, $"decommission took {clock.Elapsed} while Redis was frozen");
            Assert.Equal("INACTIVE Supplied/Supplied", verifiedWhileFrozen.Describe());
            await AssertAnsweredAsync(pack, "INACTIVE Supplied/Supplied", A, B, C);
        }
    }
}
