using Dapper;
using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.Bulk.BulkCalls;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Bulk;

/// <summary>
/// Jobs are durable and run by one instance at a time: servers stopped mid-job and several servers
/// on one SQLite file. Without a cache, since in-process servers would each have their own Garnet.
/// </summary>
public sealed class BulkJobRestartTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "verifier-bulk-tests", Guid.NewGuid().ToString("N"));

    private string Database => Path.Combine(_directory, "verifier.db");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        return Task.CompletedTask;
    }

    [ServerFact]
    public async Task A_job_interrupted_by_a_server_stop_completes_after_a_restart_and_applies_nothing_twice()
    {
        // Slow on purpose (one permit per pack, 40 a second) so the stop lands mid-job.
        var first = await StartAsync("--Verifier:Bulk:PacksPerPermit=1", "--Verifier:RateLimit:PermitsPerSecond=40",
            "--Verifier:RateLimit:Burst=5", "--Verifier:Bulk:JobConcurrency=4");
        await SeedAsync(first);
        var serials = new List<string>();
        for (var i = 0; i < 100; i++) serials.Add(await NewPackAsync(first));
        var submitted = await first.Bulk(DemoKeys.Wholesaler).SubmitBulkJobAsync(new SubmitBulkJobRequest
        {
            ClientJobId = NewTransactionId(), Operations = { serials.Select(s => Decommission(Fields(s))) },
        });
        while (Done(first, submitted.JobId) < 10) await Task.Delay(20);

        await first.DisposeAsync();
        var doneAtStop = DoneIn(submitted.JobId);
        await using var second = await StartAsync();
        var job = await WaitForAsync(second.Bulk(DemoKeys.Wholesaler), submitted.JobId);

        Assert.InRange(doneAtStop, 10, 99);
        Assert.All(job.Results, r => Assert.Equal(Outcome.Success, r.Result.Outcome));
        Assert.Equal(100, job.Summary.Single().Count);
        Assert.Equal(100, Count(second, "SELECT COUNT(*) FROM audit WHERE operation = 'decommission:exported' AND serial IN @serials", serials));
        Assert.Equal(100, Count(second, "SELECT COUNT(*) FROM packs WHERE state = 3 AND serial IN @serials", serials));
        Assert.Equal(0, Count(second, "SELECT COUNT(*) FROM alerts WHERE serial IN @serials", serials));
    }

    [ServerFact]
    public async Task Jobs_submitted_on_either_of_two_servers_run_once_and_are_read_on_the_other()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        await SeedAsync(a);
        var jobs = new List<(string JobId, List<string> Serials)>();
        for (var j = 0; j < 6; j++)
        {
            var serials = new List<string>();
            for (var i = 0; i < 50; i++) serials.Add(await NewPackAsync(a));
            var on = j % 2 == 0 ? a : b;
            var submitted = await on.Bulk(DemoKeys.Wholesaler).SubmitBulkJobAsync(new SubmitBulkJobRequest
            {
                ClientJobId = NewTransactionId(), Operations = { serials.Select(s => Decommission(Fields(s))) },
            });
            jobs.Add((submitted.JobId, serials));
        }

        for (var j = 0; j < jobs.Count; j++)
        {
            var other = j % 2 == 0 ? b : a;
            var job = await WaitForAsync(other.Bulk(DemoKeys.Wholesaler), jobs[j].JobId);
            Assert.All(job.Results, r => Assert.Equal(Outcome.Success, r.Result.Outcome));
        }
        var all = jobs.SelectMany(j => j.Serials).ToList();
        Assert.Equal(300, Count(a, "SELECT COUNT(*) FROM audit WHERE operation = 'decommission:exported' AND serial IN @serials", all));
        Assert.Equal(0, Count(a, "SELECT COUNT(*) FROM alerts WHERE serial IN @serials", all));
    }

    private Task<VerifierServer> StartAsync(params string[] args) =>
        VerifierServer.StartAsync(["--db", Database, "--cache", "None", "--Verifier:Bulk:LeaseDuration=00:00:01", "--Verifier:Bulk:PollInterval=00:00:00.100", .. args]);

    private static Task SeedAsync(VerifierServer server) => Catalog.SeedAsync(server);

    /// <summary>Read from the store rather than through the API, which would spend the slow server's permits.</summary>
    private static long Done(VerifierServer server, string jobId)
    {
        using var connection = server.Database.Open();
        return connection.ExecuteScalar<long>("SELECT done FROM bulk_jobs WHERE job_id = @jobId", new { jobId });
    }

    private long DoneIn(string jobId)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        return connection.ExecuteScalar<long>("SELECT done FROM bulk_jobs WHERE job_id = @jobId", new { jobId });
    }

    private static long Count(VerifierServer server, string sql, List<string> serials)
    {
        using var connection = server.Database.Open();
        return connection.ExecuteScalar<long>(sql, new { serials });
    }
}
