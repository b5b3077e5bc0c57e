using Grpc.Core;
using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;

namespace Verifier.Server.Tests.Bulk;

/// <summary>Bulk requests as a wholesaler's station builds them, and waiting for a job to finish.</summary>
internal static class BulkCalls
{
    public static BulkService.BulkServiceClient Bulk(this VerifierServer server, string apiKey) => new(server.Invoker(apiKey));

    public static BulkPackOperation Verify(PackIdentifier pack, string? transactionId = null) =>
        new() { ClientTransactionId = transactionId ?? Catalog.NewTransactionId(), Kind = BulkOperationKind.Verify, Pack = pack };

    public static BulkPackOperation Decommission(PackIdentifier pack, DecommissionReason reason = DecommissionReason.Exported) =>
        new() { ClientTransactionId = Catalog.NewTransactionId(), Kind = BulkOperationKind.Decommission, Pack = pack, Reason = reason };

    public static BulkPackOperation Undo(PackIdentifier pack, DecommissionReason reason = DecommissionReason.Exported) =>
        new() { ClientTransactionId = Catalog.NewTransactionId(), Kind = BulkOperationKind.Undo, Pack = pack, Reason = reason };

    /// <summary>Polls until the job is done (or the timeout passes), then returns it with every result.</summary>
    public static async Task<GetBulkJobResponse> WaitForAsync(BulkService.BulkServiceClient bulk, string jobId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var job = await bulk.GetBulkJobAsync(new GetBulkJobRequest { JobId = jobId, PageSize = 5000 });
            if (job.State == BulkJobState.Done) return job;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Job {jobId}: {job.Done}/{job.Total} after the timeout.");
            await Task.Delay(25);
        }
    }

    /// <summary>Sends every operation on one stream and collects the results by index.</summary>
    public static async Task<Dictionary<int, BulkItemResult>> StreamAsync(BulkService.BulkServiceClient bulk, IReadOnlyList<BulkPackOperation> operations)
    {
        using var call = bulk.StreamPackOperations();
        var reading = Task.Run(async () =>
        {
            var results = new Dictionary<int, BulkItemResult>();
            await foreach (var response in call.ResponseStream.ReadAllAsync()) results.Add(response.Item.Index, response.Item);
            return results;
        });
        foreach (var operation in operations) await call.RequestStream.WriteAsync(new StreamPackOperationsRequest { Operation = operation });
        await call.RequestStream.CompleteAsync();
        return await reading;
    }
}
