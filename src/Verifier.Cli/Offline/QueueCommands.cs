using System.CommandLine;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Grpc.Core;
using Verifier.Cli.Client;
using Verifier.Cli.Scanning;
using Verifier.Cli.Upload;
using Verifier.V1;

namespace Verifier.Cli.Offline;

/// <summary>`verifier queue list|replay`: the offline queue (DR Art 29) of operations performed while the server was unreachable.</summary>
internal static class QueueCommands
{
    /// <summary>Below this many operations a progress bar is noise: each one prints its own line anyway.</summary>
    private const int ProgressFrom = 20;

    /// <summary>A replay over the rate limit waits for permits instead of giving up on the queue.</summary>
    private static readonly TimeSpan RateLimitPause = TimeSpan.FromSeconds(1);

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static Command Create()
    {
        var command = new Command("queue", "The offline queue: operations kept while the server was unreachable (DR Art 29)");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Replay());
        return command;
    }

    private static Argument<string> FileArgument() => new("FILE")
    {
        Description = "The queue file given to --offline-queue (default: env VERIFIER_OFFLINE_QUEUE)",
        DefaultValueFactory = result =>
        {
            if (Environment.GetEnvironmentVariable("VERIFIER_OFFLINE_QUEUE") is { Length: > 0 } file) return file;
            result.AddError("Name the queue file, or set VERIFIER_OFFLINE_QUEUE.");
            return "";
        },
    };

    private static Command List()
    {
        var file = FileArgument();
        var command = new Command("list", "Show the operations still to send, oldest first") { file };
        command.SetAction(parse =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var contents = Read(new OfflineQueue(parse.GetValue(file)!), error);
            foreach (var operation in contents.Pending)
            {
                output.WriteLine($"{operation.PerformedAt:O}  {operation.Name,-24} {Pack(operation),-40} client tx {operation.ClientTransactionId}");
            }
            output.WriteLine($"{contents.Pending.Count} to send" + (contents.Replayed > 0 ? $", {contents.Replayed} already answered" : "") + ".");
            return 0;
        });
        return command;
    }

    private static Command Replay()
    {
        var file = FileArgument();
        var command = new Command("replay",
            "Send the queued operations in the order performed, under their own client transaction ids and performed times, "
            + "and print each answer; answered ones are never sent again")
        { file, JsonOption.Json };
        command.SetAction((parse, cancellationToken) => ServerConnection.CallAsync(parse, async invoker =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var json = parse.GetValue(JsonOption.Json);
            var queue = new OfflineQueue(parse.GetValue(file)!);
            var queued = Read(queue, error).Pending;
            // Another client's operations are left for a replay with its key: the server knows their ids under that client only.
            var keyId = QueuedOperation.KeyIdOf(parse.GetValue(ServerConnection.ApiKey));
            var pending = queued.Where(o => o.KeyId == keyId).ToList();
            var otherKeys = queued.Count - pending.Count;
            if (otherKeys > 0) error.WriteLine($"{otherKeys} operation(s) were queued under another API key: left queued for a replay with that key.");
            if (pending.Count == 0)
            {
                error.WriteLine($"Nothing to send under this API key: {queue.Path} holds {otherKeys} unanswered operation(s).");
                return otherKeys == 0 ? 0 : 1;
            }

            var client = new PackService.PackServiceClient(invoker);
            var progress = pending.Count >= ProgressFrom ? new ProgressReport(error, "operations", pending.Count, ProgressReport.StderrIsTerminal) : null;
            var tally = new Dictionary<string, int>(StringComparer.Ordinal);
            try
            {
                foreach (var operation in pending)
                {
                    var outcome = await SendAsync(client, operation, json, output, cancellationToken);
                    // Only once the answer is shown: a crash before this line sends it again, and the server answers it from its audit trail.
                    queue.MarkReplayed(operation.ClientTransactionId, outcome);
                    tally[outcome] = tally.GetValueOrDefault(outcome) + 1;
                    progress?.Add(1);
                }
            }
            finally
            {
                progress?.Finish();
                queue.Compact();
                var answered = tally.Values.Sum();
                error.WriteLine($"{answered} of {pending.Count} sent"
                    + (tally.Count > 0 ? ": " + string.Join(", ", tally.OrderByDescending(t => t.Value).Select(t => $"{t.Value} {t.Key}")) : "")
                    + (answered < pending.Count ? $"; {pending.Count - answered} stay queued in {queue.Path}" : "") + ".");
            }
            return otherKeys == 0 && tally.Keys.All(outcome => outcome == "SUCCESS") ? 0 : 1;
        }));
        return command;
    }

    /// <summary>
    /// Sends one operation and prints its answer; returns its outcome name, or "REFUSED" for a request the
    /// server refused (a performed time beyond the maximum deferral, a malformed scan): an answer too, not to be sent again.
    /// Anything else (unreachable again, a wrong key) ends the replay; what is left stays queued.
    /// </summary>
    private static async Task<string> SendAsync(
        PackService.PackServiceClient client, QueuedOperation operation, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var result = await operation.SendAsync(client, cancellationToken);
                output.WriteLine(json
                    ? Formatter.Format(result)
                    : $"{operation.PerformedAt:O}  {operation.Name,-24} {Pack(operation),-40} {PackResultPrinter.Name(result.Outcome)} ({result.NationalCode})"
                      + $"  tx {result.SystemTransactionId}  client tx {result.ClientTransactionId}"
                      + (result.AlertId.Length > 0 ? $"  ALERT {result.AlertId}" : ""));
                return PackResultPrinter.Name(result.Outcome);
            }
            catch (RpcException refused) when (refused.StatusCode is StatusCode.InvalidArgument or StatusCode.PermissionDenied)
            {
                var reason = $"{StatusName(refused.StatusCode)}: {refused.Status.Detail}";
                output.WriteLine(json
                    ? new JsonObject { ["clientTransactionId"] = operation.ClientTransactionId, ["refused"] = reason }.ToJsonString()
                    : $"{operation.PerformedAt:O}  {operation.Name,-24} {Pack(operation),-40} REFUSED {reason}  client tx {operation.ClientTransactionId}");
                return "REFUSED";
            }
            catch (RpcException limited) when (limited.StatusCode == StatusCode.ResourceExhausted)
            {
                await Task.Delay(RateLimitPause, cancellationToken);
            }
        }
    }

    private static string StatusName(StatusCode code) => code == StatusCode.InvalidArgument ? "INVALID_ARGUMENT" : "PERMISSION_DENIED";

    private static QueueContents Read(OfflineQueue queue, TextWriter error)
    {
        var contents = queue.Read();
        foreach (var line in contents.TornLines)
        {
            error.WriteLine($"{queue.Path}:{line}: ignored, not a complete entry (a write interrupted by a crash)");
        }
        return contents;
    }

    private static string Pack(QueuedOperation operation) =>
        operation.PackKey is { } key ? $"{key.ProductCode}/{key.SerialNumber}" : "(pack not readable)";
}
