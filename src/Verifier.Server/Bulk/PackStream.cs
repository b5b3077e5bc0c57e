using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Verifier.Server.Hosting;
using Verifier.Server.Identity;
using Verifier.V1;

namespace Verifier.Server.Bulk;

/// <summary>
/// One scanning station's stream: each operation starts as soon as it is read and its result is
/// written as soon as it is known, so results may come back out of order (they carry the index and
/// the client transaction id). At most <see cref="BulkOptions.StreamInFlight"/> operations are
/// unanswered at once: the loop stops reading until one is written, and HTTP/2 flow control then
/// holds the sender back. Running them concurrently is what lets the store batch their commits.
/// </summary>
internal sealed class PackStream(BulkItems items, ClientRateLimiter limiter, IOptions<VerifierOptions> options, ILogger<PackStream> logger)
{
    public async Task RunAsync(
        Caller caller, IAsyncStreamReader<StreamPackOperationsRequest> requests, IServerStreamWriter<StreamPackOperationsResponse> responses,
        CancellationToken cancellationToken)
    {
        var bulk = options.Value.Bulk;
        var inFlight = Math.Max(1, bulk.StreamInFlight);
        var share = new PackShare(limiter, caller.ClientId, bulk.PacksPerPermit);
        // A slot is taken before an operation starts and given back once its result is written.
        using var slots = new SemaphoreSlim(inFlight);
        var answers = Channel.CreateUnbounded<BulkItemResult>(new UnboundedChannelOptions { SingleReader = true });
        // The response stream takes one write at a time: a single writer drains the answers.
        var writer = Task.Run(async () =>
        {
            await foreach (var answer in answers.Reader.ReadAllAsync(cancellationToken))
            {
                await responses.WriteAsync(new StreamPackOperationsResponse { Item = answer }, cancellationToken);
                slots.Release();
            }
        }, cancellationToken);

        var index = 0;
        while (await requests.MoveNext(cancellationToken))
        {
            var operation = requests.Current.Operation;
            var position = index++;
            await slots.WaitAsync(cancellationToken);
            await share.TakeAsync(cancellationToken);
            _ = Task.Run(async () => answers.Writer.TryWrite(await RunOneAsync(caller, position, operation, cancellationToken)), cancellationToken);
        }
        // Every slot back means every result is written.
        for (var i = 0; i < inFlight; i++) await slots.WaitAsync(cancellationToken);
        answers.Writer.Complete();
        await writer;
    }

    private async Task<BulkItemResult> RunOneAsync(Caller caller, int index, BulkPackOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            return await items.RunAsync(caller, index, operation, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The store or cache failed for this item: the station retries it with the same client
            // transaction id, which replays it if it was committed after all.
            logger.LogError(exception, "Bulk stream item {Index} of {ClientId} failed", index, caller.ClientId);
            return new BulkItemResult
            {
                Index = index, ClientTransactionId = operation?.ClientTransactionId ?? "",
                Error = new BulkItemError { Status = BulkItems.StatusName(StatusCode.Unavailable), Message = "The item could not be completed; retry it with the same client transaction id." },
            };
        }
    }
}
