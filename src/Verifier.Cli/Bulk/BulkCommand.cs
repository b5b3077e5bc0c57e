using System.CommandLine;
using System.Diagnostics;
using Grpc.Core;
using Verifier.Cli.Client;
using Verifier.Cli.Scanning;
using Verifier.Cli.Upload;
using Verifier.V1;

namespace Verifier.Cli.Bulk;

/// <summary>
/// `verifier bulk`: a wholesaler's file of packs through BulkService, as one stream (default:
/// results as they come) or as durable jobs of at most 10,000 packs (--job: survives a server
/// restart; the command polls for progress). Progress bar on stderr, results to --out, a summary
/// table on stdout; exit 0 if every pack succeeded, else 1.
/// </summary>
internal static class BulkCommand
{
    private const int MaxJobOperations = 10_000;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static Command Create()
    {
        var file = new Option<FileInfo>("--file")
        {
            Description = "One scan per line, or CSV with a header: product_code,serial_number,batch,expiry[,operation,reason,client_transaction_id]",
            Required = true,
        };
        file.AcceptExistingOnly();
        var job = new Option<bool>("--job") { Description = "Run as durable bulk jobs (10,000 packs each) and poll for their results" };
        var stream = new Option<bool>("--stream") { Description = "Run as one bidirectional stream, results as they come (the default)" };
        var operation = new Option<string>("--operation") { Description = "The operation for lines that name none", DefaultValueFactory = _ => "verify" };
        operation.AcceptOnlyFromAmong([.. BulkFile.Operations.Keys]);
        var reason = new Option<string?>("--reason") { Description = "Decommission reason for decommission and undo, e.g. exported, destroyed" };
        reason.AcceptOnlyFromAmong([.. ScannerCommands.Reasons.Keys]);
        var output = new Option<FileInfo?>("--out") { Description = "Write every result to this file: .json (JSON array), else CSV" };
        var id = new Option<string?>("--id")
        {
            Description = "Run id (default: a new one): transaction ids are <id>-<line>, so repeating a run with its id replays it instead of applying it again",
        };
        id.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { Length: 0 or > 40 }) result.AddError("--id: 1 to 40 characters.");
        });

        var command = new Command("bulk", """
            Verify or decommission a file of packs through BulkService (wholesaler key).
            Each line is its own operation with its own transaction id; a malformed line fails alone.
            """)
        {
            file, job, stream, operation, reason, output, id,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(job) && result.GetValue(stream)) result.AddError("Choose --job or --stream, not both.");
        });
        command.SetAction((parse, cancellationToken) => ServerConnection.CallAsync(parse, async invoker =>
        {
            var client = new BulkService.BulkServiceClient(invoker);
            var kind = BulkFile.Operations[parse.GetValue(operation)!];
            var wireReason = parse.GetValue(reason) is { } r ? ScannerCommands.Reasons[r] : DecommissionReason.Unspecified;
            if (kind != BulkOperationKind.Verify && wireReason == DecommissionReason.Unspecified)
            {
                throw new InvalidDataException($"--operation {parse.GetValue(operation)} needs --reason (e.g. exported, destroyed).");
            }
            var runId = parse.GetValue(id) ?? Guid.NewGuid().ToString("N")[..16];
            var operations = BulkFile.Read(parse.GetValue(file)!.FullName, kind, wireReason, runId);
            var error = parse.InvocationConfiguration.Error;
            var progress = new ProgressReport(error, "packs", operations.Count, ProgressReport.StderrIsTerminal);
            var started = Stopwatch.GetTimestamp();
            var results = parse.GetValue(job)
                ? await RunJobsAsync(client, operations, runId, progress, cancellationToken)
                : await StreamAsync(client, operations, progress, cancellationToken);
            progress.Finish();
            results.Sort((a, b) => a.Index.CompareTo(b.Index));
            if (parse.GetValue(output) is { } path)
            {
                BulkResults.Write(path.FullName, results);
                await error.WriteLineAsync($"results: {path.FullName}");
            }
            BulkResults.PrintSummary(results, Stopwatch.GetElapsedTime(started), parse.InvocationConfiguration.Output);
            return results.All(x => x.Result?.Outcome == Outcome.Success) ? 0 : 1;
        }));
        return command;
    }

    private static async Task<List<BulkItemResult>> StreamAsync(
        BulkService.BulkServiceClient client, List<BulkPackOperation> operations, ProgressReport progress, CancellationToken cancellationToken)
    {
        // --timeout covers the whole stream, as it covers a whole upload; --job suits files that take longer.
        using var call = client.StreamPackOperations(cancellationToken: cancellationToken);
        var reading = Task.Run(async () =>
        {
            var results = new List<BulkItemResult>(operations.Count);
            await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                results.Add(response.Item);
                progress.Add(1);
            }
            return results;
        }, cancellationToken);
        foreach (var operation in operations)
        {
            await call.RequestStream.WriteAsync(new StreamPackOperationsRequest { Operation = operation }, cancellationToken);
        }
        await call.RequestStream.CompleteAsync();
        return await reading;
    }

    /// <summary>Submits every job first (the server works on them meanwhile), then collects each one's results.</summary>
    private static async Task<List<BulkItemResult>> RunJobsAsync(
        BulkService.BulkServiceClient client, List<BulkPackOperation> operations, string runId, ProgressReport progress, CancellationToken cancellationToken)
    {
        var jobs = new List<(string JobId, int Offset)>();
        var offset = 0;
        foreach (var chunk in operations.Chunk(MaxJobOperations))
        {
            var submitted = await client.SubmitBulkJobAsync(
                new SubmitBulkJobRequest { ClientJobId = $"{runId}-job-{jobs.Count + 1}", Operations = { chunk } }, cancellationToken: cancellationToken);
            jobs.Add((submitted.JobId, offset));
            offset += chunk.Length;
        }
        var results = new List<BulkItemResult>(operations.Count);
        foreach (var (jobId, jobOffset) in jobs)
        {
            var reported = 0;
            GetBulkJobResponse job;
            while (true)
            {
                job = await client.GetBulkJobAsync(new GetBulkJobRequest { JobId = jobId, SummaryOnly = true }, cancellationToken: cancellationToken);
                progress.Add(job.Done - reported);
                reported = job.Done;
                if (job.State == BulkJobState.Done) break;
                await Task.Delay(PollInterval, cancellationToken);
            }
            var next = 0;
            while (next < job.Done)
            {
                var page = await client.GetBulkJobAsync(new GetBulkJobRequest { JobId = jobId, ResultOffset = next, PageSize = 5000 }, cancellationToken: cancellationToken);
                if (page.Results.Count == 0) break;
                // Indexes are per job: make them the position in the file's operations.
                results.AddRange(page.Results.Select(r => { r.Index += jobOffset; return r; }));
                next = page.NextResultOffset;
            }
        }
        return results;
    }
}
