using System.Diagnostics;
using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Verifier.Server.Hosting;
using Verifier.Server.Identity;
using Verifier.Storage;
using Verifier.V1;

namespace Verifier.Server.Bulk;

/// <summary>
/// Runs durable bulk jobs on this instance: claims one job at a time under a lease
/// (<see cref="IBulkJobStore.ClaimAsync"/>), runs its unfinished items concurrently (bounded, so
/// the store batches their commits) and records their results in batches, renewing the lease with
/// every flush. Nothing is applied twice: an item committed but not yet recorded when an instance
/// died runs again under its own client transaction id, which replays the stored answer. When the
/// lease is lost (this instance paused past it and another took over), the run stops at once.
/// Also purges jobs whose results have outlived <see cref="BulkOptions.ResultRetention"/>.
/// </summary>
internal sealed class BulkJobRunner(
    IBulkJobStore store, IClientStore clients, BulkItems items, ClientRateLimiter limiter, TimeProvider clock,
    IOptions<VerifierOptions> options, ILogger<BulkJobRunner> logger) : BackgroundService
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(1);

    // Unique per process start, so a restarted instance never mistakes its predecessor's lease for its own.
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly SemaphoreSlim _wake = new(0);
    private long _lastPurge;

    private BulkOptions Bulk => options.Value.Bulk;

    /// <summary>A job was submitted here: look now rather than at the next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeIfDueAsync(stoppingToken);
                var job = await store.ClaimAsync(_owner, clock.GetUtcNow(), Bulk.LeaseDuration, stoppingToken);
                if (job is null)
                {
                    await _wake.WaitAsync(Bulk.PollInterval, stoppingToken);
                    continue;
                }
                await RunAsync(job, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The store or cache failed: the job keeps its lease until it expires, then any instance resumes it.
                logger.LogError(exception, "Running bulk jobs failed; trying again shortly");
                await Task.Delay(Bulk.PollInterval, stoppingToken).ContinueWith(_ => { });
            }
        }
    }

    private async Task RunAsync(BulkJobRecord job, CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        var pending = await store.PendingItemsAsync(job.JobId, stoppingToken);
        var client = await clients.FindAsync(job.ClientId, stoppingToken);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var results = Channel.CreateUnbounded<BulkItemResultRow>(new UnboundedChannelOptions { SingleReader = true });
        var flusher = FlushAsync(job.JobId, results.Reader, run);
        try
        {
            if (client is null)
            {
                // The client was removed after submitting: nothing may run in its name.
                foreach (var item in pending) results.Writer.TryWrite(Refused(item, "The submitting client no longer exists."));
            }
            else
            {
                var caller = Caller.From(client);
                var share = new PackShare(limiter, caller.ClientId, Bulk.PacksPerPermit);
                await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Bulk.JobConcurrency), CancellationToken = run.Token },
                    async (item, ct) =>
                    {
                        await share.TakeAsync(ct);
                        var answer = await items.RunAsync(caller, item.Index, Parse(item.Operation), ct);
                        results.Writer.TryWrite(new BulkItemResultRow(
                            item.Index, answer.AnswerCase == BulkItemResult.AnswerOneofCase.Result ? (int)answer.Result.Outcome : 0, answer.ToByteArray()));
                    });
            }
        }
        finally
        {
            results.Writer.TryComplete();
            // What finished is recorded even when the run stops (shutdown, failure): less to replay later.
            await flusher;
        }
        logger.LogInformation("Bulk job {JobId} of {ClientId}: {Count} items in {Elapsed} ms",
            job.JobId, job.ClientId, pending.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// Records finished items every <see cref="FlushInterval"/> (one transaction each) and renews
    /// the lease at least every third of its duration. Cancels the run if the lease is lost.
    /// </summary>
    private async Task FlushAsync(string jobId, ChannelReader<BulkItemResultRow> results, CancellationTokenSource run)
    {
        await Task.Yield();
        var renewEvery = Bulk.LeaseDuration / 3;
        var lastWrite = Stopwatch.GetTimestamp();
        var batch = new List<BulkItemResultRow>();
        using var timer = new PeriodicTimer(FlushInterval);
        while (true)
        {
            while (results.TryRead(out var row)) batch.Add(row);
            if (batch.Count > 0 || Stopwatch.GetElapsedTime(lastWrite) > renewEvery)
            {
                bool held;
                try
                {
                    held = await store.RecordResultsAsync(jobId, _owner, batch, clock.GetUtcNow(), Bulk.LeaseDuration, CancellationToken.None);
                }
                catch (Exception exception)
                {
                    logger.LogError(exception, "Recording results of bulk job {JobId} failed; its items will be replayed", jobId);
                    held = false;
                }
                if (!held)
                {
                    logger.LogWarning("Bulk job {JobId}: this instance no longer holds its lease; stopping", jobId);
                    await run.CancelAsync();
                    return;
                }
                batch.Clear();
                lastWrite = Stopwatch.GetTimestamp();
            }
            // Complete only once the writer is done and every row was read above.
            if (results.Completion.IsCompleted) return;
            await timer.WaitForNextTickAsync(CancellationToken.None);
        }
    }

    private async Task PurgeIfDueAsync(CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        if (_lastPurge != 0 && Stopwatch.GetElapsedTime(_lastPurge, now) < PurgeInterval) return;
        _lastPurge = now;
        var purged = await store.PurgeAsync(clock.GetUtcNow() - Bulk.ResultRetention, cancellationToken);
        if (purged > 0) logger.LogInformation("Purged {Count} bulk jobs older than the result retention", purged);
    }

    private static BulkPackOperation Parse(byte[] operation) => BulkPackOperation.Parser.ParseFrom(operation);

    private static BulkItemResultRow Refused(BulkJobItem item, string message)
    {
        var answer = new BulkItemResult
        {
            Index = item.Index,
            ClientTransactionId = Parse(item.Operation).ClientTransactionId,
            Error = new BulkItemError { Status = BulkItems.StatusName(Grpc.Core.StatusCode.PermissionDenied), Message = message },
        };
        return new BulkItemResultRow(item.Index, 0, answer.ToByteArray());
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
