using System.CommandLine;
using System.Text.Json.Nodes;
using Grpc.Core;
using Verifier.Cli.Client;
using Verifier.Cli.Scanning;
using Verifier.V1;

namespace Verifier.Cli.Offline;

/// <summary>
/// A pack operation with an offline queue (DR Art 29): sent at once when the server answers, kept in
/// the queue with its scan time when the server is unreachable, to be sent by `verifier queue replay`.
/// </summary>
internal static class OfflineScans
{
    /// <summary>Exit code of an operation kept in the queue: not answered yet, neither success nor failure.</summary>
    public const int Queued = 4;

    public static readonly Option<string?> QueueFile = new("--offline-queue")
    {
        Description = "Keep the operation in this file when the server is unreachable, for `verifier queue replay` (env VERIFIER_OFFLINE_QUEUE)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("VERIFIER_OFFLINE_QUEUE") is { Length: > 0 } file ? file : null,
    };

    /// <summary>No answer can come (connection refused, server gone) or none came in time; a refusal is an answer and is never queued.</summary>
    public static bool Unreachable(RpcException exception) => exception.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded;

    public static Task<int> RunAsync(ParseResult parse, QueuedOperation operation, CancellationToken cancellationToken)
    {
        // The performed time, should the operation have to wait in the queue: when it was scanned, in
        // the milliseconds the audit trail keeps, so the queue and the server show the same time.
        var scannedAt = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var output = parse.InvocationConfiguration.Output;
        var json = parse.GetValue(JsonOption.Json);
        return ServerConnection.CallAsync(parse, async invoker =>
        {
            var client = new PackService.PackServiceClient(invoker);
            if (parse.GetValue(QueueFile) is not { } file) return PackResultPrinter.Print(await operation.SendAsync(client, cancellationToken), json, output);

            var queue = new OfflineQueue(file);
            // One pack's operations reach the server in the order they were performed: an undo must
            // not overtake the queued decommissioning it reverses.
            var ahead = queue.Read().Pending.Count(p => p.SamePackAs(operation));
            string why;
            if (ahead == 0)
            {
                try
                {
                    return PackResultPrinter.Print(await operation.SendAsync(client, cancellationToken), json, output);
                }
                catch (RpcException exception) when (Unreachable(exception))
                {
                    why = $"server unreachable ({exception.StatusCode})";
                }
            }
            else
            {
                why = $"{ahead} earlier operation(s) on this pack are still queued";
            }

            var queued = operation.PerformedAtTime(scannedAt) with { KeyId = QueuedOperation.KeyIdOf(parse.GetValue(ServerConnection.ApiKey)) };
            queue.Append(queued);
            output.WriteLine(json
                ? new JsonObject
                {
                    ["queued"] = queue.Path, ["clientTransactionId"] = queued.ClientTransactionId, ["performedAt"] = scannedAt.UtcDateTime.ToString("O"), ["why"] = why,
                }.ToJsonString()
                : $"QUEUED (offline): {why}. {queued.Name} kept in {queue.Path} as client tx {queued.ClientTransactionId}, "
                  + $"performed at {scannedAt:O}; send it with: verifier queue replay {queue.Path}");
            return Queued;
        });
    }
}
