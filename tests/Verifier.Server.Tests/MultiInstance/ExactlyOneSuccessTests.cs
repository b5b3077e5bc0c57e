using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.MultiInstance.MasterDataUploads;

namespace Verifier.Server.Tests.MultiInstance;

/// <summary>
/// Exactly one success: instances share the store, so the rule "two pharmacies decommissioning one
/// pack at once, exactly one succeeds" holds across processes, and so does the replay of a retry.
/// </summary>
public abstract partial class SharedDeploymentTests
{
    private static readonly string[] DispensingKeys = [DemoKeys.PharmacyBerlin, DemoKeys.PharmacyMunich, DemoKeys.Hospital];

    [ServerFact]
    public async Task Twelve_concurrent_decommissions_of_one_pack_over_three_instances_have_exactly_one_success()
    {
        var pack = (await UploadBatchAsync(A, 1))[0];
        await WarmAsync(pack, A, B, C);

        // Every location asks through every instance; each location asks more than once, as a double scan would.
        var requests = Enumerable.Range(0, 12)
            .Select(i => (Instance: Deployment.All[i % 3], ApiKey: DispensingKeys[i / 3 % 3], ClientTransactionId: PackCalls.NewTransactionId()))
            .ToArray();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = requests.Select(async request =>
        {
            await go.Task;
            return (request, Result: await request.Instance.SupplyAsync(pack, request.ApiKey, request.ClientTransactionId));
        }).ToArray();
        go.SetResult();
        var answers = await Task.WhenAll(calls);

        var described = string.Join(", ", answers.Select(a => $"{a.request.Instance.Name}/{a.request.ApiKey}: {a.Result.Outcome}"));
        var winner = Assert.Single(answers, a => a.Result.Outcome == Outcome.Success);
        Assert.All(answers.Where(a => a.Result.Outcome != Outcome.Success), a =>
            Assert.True(
                a.Result.Outcome == Outcome.AlreadyInactive || (a.Result.Outcome == Outcome.AlreadyInState && a.request.ApiKey == winner.request.ApiKey),
                $"unexpected answer among {described}"));
        await AssertAnsweredAsync(pack, "INACTIVE Supplied/Supplied", A, B, C);

        var decommissions = (await C.HistoryAsync(pack)).Where(e => e.Operation == "decommission:supplied").ToArray();
        Assert.Equal(requests.Length, decommissions.Length);
        Assert.Equal(winner.Result.SystemTransactionId, Assert.Single(decommissions, e => e.Outcome == Outcome.Success).SystemTransactionId);
    }

    [ServerFact]
    public async Task A_retry_through_another_instance_gets_the_original_answer()
    {
        var pack = (await UploadBatchAsync(A, 1))[0];
        await WarmAsync(pack, A, B, C);
        var supplyId = PackCalls.NewTransactionId();
        var conflictId = PackCalls.NewTransactionId();
        var supplied = await A.SupplyAsync(pack, DemoKeys.PharmacyBerlin, supplyId);
        var conflict = await B.SupplyAsync(pack, DemoKeys.PharmacyMunich, conflictId);
        Assert.Equal(Outcome.Success, supplied.Outcome);
        Assert.Equal(Outcome.AlreadyInactive, conflict.Outcome);
        Assert.NotEmpty(conflict.AlertId);
        var historyBefore = await C.HistoryAsync(pack);

        var retries = new[]
        {
            (Original: supplied, Retry: await B.SupplyAsync(pack, DemoKeys.PharmacyBerlin, supplyId)),
            (Original: supplied, Retry: await C.SupplyAsync(pack, DemoKeys.PharmacyBerlin, supplyId)),
            (Original: conflict, Retry: await A.SupplyAsync(pack, DemoKeys.PharmacyMunich, conflictId)),
            (Original: conflict, Retry: await C.SupplyAsync(pack, DemoKeys.PharmacyMunich, conflictId)),
        };

        // The whole answer is the stored one: same system transaction id, timestamp, outcome and alert.
        Assert.All(retries, r => Assert.Equal(r.Original, r.Retry));
        // No new audit entry and so no new alert.
        Assert.Equal(historyBefore, await A.HistoryAsync(pack));
    }
}
