using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.MultiInstance.MasterDataUploads;

namespace Verifier.Server.Tests.MultiInstance;

/// <summary>
/// Seen everywhere at once: a change made through one instance is answered by every other
/// instance, however warm their caches were, with no sleep between the change and the status checks.
/// </summary>
public abstract partial class SharedDeploymentTests
{
    [ServerFact]
    public async Task A_decommission_through_one_instance_is_answered_by_the_others_at_once()
    {
        var pack = (await UploadBatchAsync(A, 1))[0];
        await WarmAsync(pack, B, C);

        Assert.Equal(Outcome.Success, (await A.SupplyAsync(pack)).Outcome);

        await AssertAnsweredAsync(pack, "INACTIVE Supplied/Supplied", B, C);
    }

    [ServerFact]
    public async Task An_undo_through_one_instance_is_answered_by_the_others_at_once()
    {
        var pack = (await UploadBatchAsync(A, 1))[0];
        await WarmAsync(pack, A, B, C);
        Assert.Equal(Outcome.Success, (await A.SupplyAsync(pack)).Outcome);
        // Every instance has now had the chance to cache "supplied".
        foreach (var instance in Deployment.All) await instance.VerifyAsync(pack);

        Assert.Equal(Outcome.Success, (await B.UndoSupplyAsync(pack)).Outcome);

        await AssertAnsweredAsync(pack, "ACTIVE", A, C);
    }

    [ServerFact]
    public async Task A_batch_recall_through_one_instance_is_answered_by_the_others_at_once()
    {
        var packs = await UploadBatchAsync(A, 3);
        foreach (var pack in packs) await WarmAsync(pack, B, C);

        var recall = await A.MasterData(DemoKeys.MahAcme).RecallBatchAsync(
            new RecallBatchRequest { ProductCode = packs[0].ProductCode, Batch = packs[0].Batch, Reason = "multi-instance test" },
            deadline: DateTime.UtcNow + PackCalls.CallTimeout);
        Assert.True(recall.Changed);

        foreach (var pack in packs) await AssertAnsweredAsync(pack, "INACTIVE Active/Recalled", B, C);
    }

    [ServerFact]
    public async Task A_product_withdrawal_through_one_instance_is_answered_by_the_others_at_once()
    {
        var packs = await UploadBatchAsync(A, 3);
        foreach (var pack in packs) await WarmAsync(pack, B, C);

        var withdrawal = await A.MasterData(DemoKeys.MahAcme).WithdrawProductAsync(
            new WithdrawProductRequest { ProductCode = packs[0].ProductCode, Market = "DE", Reason = "multi-instance test" },
            deadline: DateTime.UtcNow + PackCalls.CallTimeout);
        Assert.True(withdrawal.Changed);

        foreach (var pack in packs) await AssertAnsweredAsync(pack, "INACTIVE Active/Withdrawn", B, C);
    }

    [ServerFact]
    public async Task A_MAH_pack_state_change_through_one_instance_is_answered_by_the_others_at_once()
    {
        var pack = (await UploadBatchAsync(A, 1))[0];
        await WarmAsync(pack, B, C);

        var change = await A.MasterData(DemoKeys.MahAcme).SetPackStatesAsync(
            new SetPackStatesRequest
            {
                ClientTransactionId = PackCalls.NewTransactionId(), ProductCode = pack.ProductCode, SerialNumbers = { pack.Serial },
                Reason = DecommissionReason.Stolen,
            },
            deadline: DateTime.UtcNow + PackCalls.CallTimeout);
        Assert.Equal(Outcome.Success, Assert.Single(change.Outcomes).Outcome);

        await AssertAnsweredAsync(pack, "INACTIVE Stolen/Stolen", B, C);
    }
}
