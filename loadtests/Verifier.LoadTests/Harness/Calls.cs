using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Health.V1;
using Verifier.Core.Packs;
using Verifier.V1;

namespace Verifier.LoadTests.Harness;

/// <summary>
/// The RPCs of the scenarios, each recorded under its kind with the answer's outcome, or with the
/// gRPC status when there is no answer. They return the outcome, or null without an answer.
/// </summary>
internal sealed class Calls(Targets targets, Func<Recorder> recorder, TimeSpan timeout)
{
    // For the cache hit rate of servers out of reach of this process: a pack seen before in this
    // run is a hit of an ideal cache (the first look-up fills it).
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private long _lookups;
    private long _repeats;

    /// <summary>Pack requests for packs seen before in this run, per pack request, since the last call.</summary>
    public double? TakeEstimatedHitRate()
    {
        var lookups = Interlocked.Exchange(ref _lookups, 0);
        var repeats = Interlocked.Exchange(ref _repeats, 0);
        return lookups == 0 ? null : (double)repeats / lookups;
    }

    public Task<string?> HealthAsync(long due) => RecordAsync("health", due, async deadline =>
        (await new Health.HealthClient(targets.Next(null)).CheckAsync(new HealthCheckRequest(), deadline: deadline)).Status.ToString());

    public Task<string?> VerifyAsync(string apiKey, ScannedPack pack, long due) => RecordAsync("verify", due, async deadline =>
        (await new PackService.PackServiceClient(targets.Next(apiKey)).VerifyAsync(
            new VerifyRequest { ClientTransactionId = NewId(), Pack = Identifier(pack) }, deadline: deadline)).Result.Outcome.ToString());

    public Task<string?> DecommissionAsync(string apiKey, ScannedPack pack, long due) => RecordAsync("decommission", due, async deadline =>
        (await new PackService.PackServiceClient(targets.Next(apiKey)).DecommissionAsync(
            new DecommissionRequest { ClientTransactionId = NewId(), Pack = Identifier(pack), Reason = Verifier.V1.DecommissionReason.Supplied },
            deadline: deadline)).Result.Outcome.ToString());

    public Task<string?> UndoAsync(string apiKey, ScannedPack pack, long due) => RecordAsync("undo", due, async deadline =>
        (await new PackService.PackServiceClient(targets.Next(apiKey)).UndoAsync(
            new UndoRequest { ClientTransactionId = NewId(), Pack = Identifier(pack), Reason = Verifier.V1.DecommissionReason.Supplied },
            deadline: deadline)).Result.Outcome.ToString());

    /// <summary>
    /// A wholesaler's tote of returned packs, verified through one BulkService stream; its latency is
    /// the whole tote's (first item sent to last result read). The outcome is the worst item's.
    /// </summary>
    public Task<string?> ToteAsync(string apiKey, IReadOnlyList<ScannedPack> packs, long due) => RecordAsync("tote", due, async deadline =>
    {
        using var stream = new BulkService.BulkServiceClient(targets.Next(apiKey)).StreamPackOperations(deadline: deadline);
        var reading = Task.Run(async () =>
        {
            var outcomes = new List<string>(packs.Count);
            await foreach (var answer in stream.ResponseStream.ReadAllAsync())
            {
                outcomes.Add(answer.Item.AnswerCase == BulkItemResult.AnswerOneofCase.Result ? answer.Item.Result.Outcome.ToString() : "ITEM_ERROR");
            }
            return outcomes;
        });
        foreach (var pack in packs)
        {
            await stream.RequestStream.WriteAsync(new StreamPackOperationsRequest
            {
                Operation = new BulkPackOperation { ClientTransactionId = NewId(), Kind = BulkOperationKind.Verify, Pack = Identifier(pack) },
            });
        }
        await stream.RequestStream.CompleteAsync();
        var outcomes = await reading;
        return outcomes.Count < packs.Count ? "INCOMPLETE"
            : outcomes.FirstOrDefault(o => o != nameof(Verifier.V1.Outcome.Success)) ?? nameof(Verifier.V1.Outcome.Success);
    });

    /// <summary>One batch upload (a stream of chunks); its latency is the whole upload's.</summary>
    public Task<string?> UploadAsync(string product, int serials, long due) => RecordAsync("upload", due, async _ =>
    {
        var mah = new MasterDataService.MasterDataServiceClient(targets.Next(PackPool.MahKey));
        var batch = "UP" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var response = await UploadBench.UploadAsync(mah, product, batch, "301231", UploadBench.RandomSerials(serials, 16), 10_000, NewId());
        return response.Status.ToString();
    });

    private async Task<string?> RecordAsync(string kind, long due, Func<DateTime?, Task<string>> call)
    {
        try
        {
            var outcome = await call(timeout > TimeSpan.Zero ? DateTime.UtcNow + timeout : null);
            recorder().Answered(kind, due, outcome);
            return outcome;
        }
        catch (RpcException exception)
        {
            recorder().Failed(kind, due, exception.StatusCode);
            return null;
        }
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private PackIdentifier Identifier(ScannedPack pack)
    {
        Interlocked.Increment(ref _lookups);
        if (!_seen.TryAdd(pack.ProductCode + "|" + pack.SerialNumber, 0)) Interlocked.Increment(ref _repeats);
        return new PackIdentifier
        {
            Fields = new PackFields { ProductCode = pack.ProductCode, SerialNumber = pack.SerialNumber, Batch = pack.Batch, Expiry = pack.Expiry },
        };
    }
}
