using Verifier.Storage.Tests.SqlServer;

namespace Verifier.Storage.Tests.Contract;

/// <summary>Durable bulk jobs: idempotent submit, one lease holder at a time, takeover after expiry, purge.</summary>
public abstract class BulkJobStoreContract : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Now = StoreUnderTest.Now;

    private StoreUnderTest _db = null!;

    private IBulkJobStore Jobs => _db.BulkJobs;

    public Task InitializeAsync()
    {
        _db = OpenStore();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    protected abstract StoreUnderTest OpenStore();

    [StoreFact]
    public async Task A_submitted_job_is_stored_with_its_items_and_a_resubmit_returns_it()
    {
        var job = await SubmitAsync("JOB-1", "wholesaler", "batch-7", items: 3);
        var again = await Jobs.SubmitAsync(new BulkJobSubmission("JOB-2", "wholesaler", "batch-7", Now, [[9]]), default);

        Assert.Equal(new BulkJobRecord("JOB-1", "wholesaler", "batch-7", 3, 0, Now, null, null, null), job);
        Assert.Equal(job, again);
        Assert.Null(await Jobs.FindAsync("JOB-2", default));
        Assert.Equal([0, 1, 2], (await Jobs.PendingItemsAsync("JOB-1", default)).Select(i => i.Index));
        Assert.Equal(new byte[] { 1, 1 }, (await Jobs.PendingItemsAsync("JOB-1", default))[1].Operation);
    }

    [StoreFact]
    public async Task Exactly_one_owner_holds_a_job_until_its_lease_expires_and_then_another_takes_it_over()
    {
        await SubmitAsync("JOB-1", "wholesaler", "a", items: 4);

        var claimedByA = await Jobs.ClaimAsync("instance-a", Now, Lease, default);
        var claimedByB = await Jobs.ClaimAsync("instance-b", Now.AddSeconds(29), Lease, default);
        Assert.True(await Jobs.RecordResultsAsync("JOB-1", "instance-a", [Row(0, 1)], Now.AddSeconds(10), Lease, default));
        // A's renewal at +10 s holds the job until +40 s.
        var stillA = await Jobs.ClaimAsync("instance-b", Now.AddSeconds(39), Lease, default);
        var takenByB = await Jobs.ClaimAsync("instance-b", Now.AddSeconds(41), Lease, default);
        var lateA = await Jobs.RecordResultsAsync("JOB-1", "instance-a", [Row(1, 1)], Now.AddSeconds(42), Lease, default);

        Assert.Equal("instance-a", claimedByA?.LeaseOwner);
        Assert.Null(claimedByB);
        Assert.Null(stillA);
        Assert.Equal("instance-b", takenByB?.LeaseOwner);
        Assert.Equal(1, takenByB?.Done);
        Assert.False(lateA);
        Assert.Equal([1, 2, 3], (await Jobs.PendingItemsAsync("JOB-1", default)).Select(i => i.Index));
    }

    [StoreFact]
    public async Task The_last_result_finishes_the_job_and_a_result_is_stored_once()
    {
        await SubmitAsync("JOB-1", "wholesaler", "a", items: 3);
        await Jobs.ClaimAsync("instance-a", Now, Lease, default);

        Assert.True(await Jobs.RecordResultsAsync("JOB-1", "instance-a", [Row(0, 1), Row(2, 8)], Now, Lease, default));
        Assert.True(await Jobs.RecordResultsAsync("JOB-1", "instance-a", [Row(0, 5)], Now, Lease, default));
        var midway = await Jobs.FindAsync("JOB-1", default);
        Assert.True(await Jobs.RecordResultsAsync("JOB-1", "instance-a", [Row(1, 0)], Now.AddSeconds(1), Lease, default));
        var done = await Jobs.FindAsync("JOB-1", default);

        Assert.Equal(2, midway?.Done);
        Assert.Null(midway?.FinishedAt);
        Assert.Equal(3, done?.Done);
        Assert.Equal(Now.AddSeconds(1), done?.FinishedAt);
        Assert.Null(done?.LeaseOwner);
        Assert.Null(await Jobs.ClaimAsync("instance-b", Now.AddHours(1), Lease, default));
        Assert.Equal([new BulkOutcomeCount(0, 1), new BulkOutcomeCount(1, 1), new BulkOutcomeCount(8, 1)], await Jobs.SummaryAsync("JOB-1", default));
        var page = await Jobs.ResultsAsync("JOB-1", 1, 5, default);
        Assert.Equal([1, 2], page.Select(r => r.Index));
        Assert.Equal(new byte[] { 0, 1 }, page[0].Result);
    }

    [StoreFact]
    public async Task Jobs_are_claimed_oldest_first_and_finished_ones_are_purged_after_retention()
    {
        await Jobs.SubmitAsync(new BulkJobSubmission("JOB-NEW", "w", "new", Now.AddMinutes(1), [[1]]), default);
        await Jobs.SubmitAsync(new BulkJobSubmission("JOB-OLD", "w", "old", Now, [[1]]), default);

        var first = await Jobs.ClaimAsync("a", Now.AddMinutes(2), Lease, default);
        await Jobs.RecordResultsAsync("JOB-OLD", "a", [Row(0, 1)], Now.AddMinutes(2), Lease, default);
        var purgedTooEarly = await Jobs.PurgeAsync(Now.AddMinutes(2), default);
        var purged = await Jobs.PurgeAsync(Now.AddMinutes(3), default);

        Assert.Equal("JOB-OLD", first?.JobId);
        Assert.Equal(0, purgedTooEarly);
        Assert.Equal(1, purged);
        Assert.Null(await Jobs.FindAsync("JOB-OLD", default));
        Assert.Empty(await Jobs.ResultsAsync("JOB-OLD", 0, 10, default));
        Assert.NotNull(await Jobs.FindAsync("JOB-NEW", default));
    }

    [StoreFact]
    public async Task A_job_survives_a_restart_with_its_results_and_lease()
    {
        await SubmitAsync("JOB-1", "wholesaler", "a", items: 2);
        await Jobs.ClaimAsync("instance-a", Now, Lease, default);
        await Jobs.RecordResultsAsync("JOB-1", "instance-a", [Row(0, 1)], Now, Lease, default);

        await _db.RestartAsync();

        Assert.Null(await Jobs.ClaimAsync("instance-b", Now.AddSeconds(1), Lease, default));
        var resumed = await Jobs.ClaimAsync("instance-b", Now.AddSeconds(31), Lease, default);
        Assert.Equal(1, resumed?.Done);
        Assert.Equal([1], (await Jobs.PendingItemsAsync("JOB-1", default)).Select(i => i.Index));
    }

    private Task<BulkJobRecord> SubmitAsync(string jobId, string clientId, string clientJobId, int items) =>
        Jobs.SubmitAsync(new BulkJobSubmission(jobId, clientId, clientJobId, Now, Enumerable.Range(0, items).Select(i => new[] { (byte)1, (byte)i }).ToList()), default);

    private static BulkItemResultRow Row(int index, int outcome) => new(index, outcome, [(byte)outcome, (byte)index]);
}
