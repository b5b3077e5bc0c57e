using System.CommandLine;
using Google.Protobuf;
using Verifier.Cli.Client;
using Verifier.Cli.Scanning;
using Verifier.V1;

namespace Verifier.Cli.Upload;

/// <summary>
/// `verifier pack-states`: an MAH marks packs of its own product stolen, destroyed, locked or free
/// sample by serial (MasterDataService.SetPackStates). The server applies each serial as its own
/// decommission under the request id "transaction id/serial", so repeating a run with the same
/// --transaction-id changes nothing twice.
/// </summary>
internal static class PackStatesCommand
{
    // The server's limits: serials per request, and the transaction id leaves room for "/serial".
    private const int MaxSerialsPerRequest = 1000;
    private const int MaxTransactionIdLength = 40;

    private static readonly string[] MahReasons = ["stolen", "destroyed", "locked", "free-sample"];

    public static Command Create()
    {
        var reason = new Option<string>("--reason") { Description = "The packs' new state", Required = true };
        reason.AcceptOnlyFromAmong(MahReasons);
        var product = new Option<string>("--product") { Description = "Product code (GTIN/NTIN or PPN)", Required = true };
        var serials = new Option<string[]>("--serial") { Description = "Serial number; repeatable" };
        var serialsFile = new Option<FileInfo>("--serials-file") { Description = "File of serial numbers, one a line" };
        serialsFile.AcceptExistingOnly();
        var transactionId = new Option<string?>("--transaction-id")
        {
            Description = $"Client transaction id, at most {MaxTransactionIdLength} characters (default: a new one); repeat it to retry idempotently",
        };
        transactionId.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { Length: 0 or > MaxTransactionIdLength }) result.AddError($"--transaction-id: 1 to {MaxTransactionIdLength} characters.");
        });

        var command = new Command("pack-states", """
            Set packs of an own product stolen, destroyed, locked or free sample (MAH/operator key).
            One line per serial with its outcome and state; exit 0 if every serial succeeded, else 1.
            """)
        {
            reason, product, serials, serialsFile, transactionId, JsonOption.Json,
        };
        command.Validators.Add(result =>
        {
            // GetResult, not GetValue: a missing --serials-file is reported on its own and has no value to read.
            if (result.GetResult(serials) is null && result.GetResult(serialsFile) is null)
            {
                result.AddError("Name the packs with --serial (repeatable), --serials-file, or both.");
            }
        });
        command.SetAction((parse, cancellationToken) => ServerConnection.CallAsync(parse, async invoker =>
        {
            var client = new MasterDataService.MasterDataServiceClient(invoker);
            var all = new SetPackStatesResponse();
            var id = parse.GetValue(transactionId) ?? Guid.NewGuid().ToString("N");
            foreach (var chunk in ReadSerials(parse.GetValue(serials) ?? [], parse.GetValue(serialsFile)).Chunk(MaxSerialsPerRequest))
            {
                // One transaction id for every chunk: the server's request ids are per serial.
                var response = await client.SetPackStatesAsync(new SetPackStatesRequest
                {
                    ClientTransactionId = id,
                    ProductCode = parse.GetValue(product)!,
                    SerialNumbers = { chunk },
                    Reason = ScannerCommands.Reasons[parse.GetValue(reason)!],
                }, cancellationToken: cancellationToken);
                all.Outcomes.AddRange(response.Outcomes);
            }
            Print(all, parse.GetValue(JsonOption.Json), parse.InvocationConfiguration.Output);
            return all.Outcomes.All(o => o.Outcome == Outcome.Success) ? 0 : 1;
        }));
        return command;
    }

    /// <summary>The named serials, then the file's (blank lines skipped), each once.</summary>
    private static List<string> ReadSerials(string[] named, FileInfo? file)
    {
        var fromFile = file is null ? [] : File.ReadLines(file.FullName).Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
        if (file is not null && fromFile.Count == 0) throw new InvalidDataException($"{file.FullName}: no serial numbers in the file.");
        return named.Concat(fromFile).Distinct(StringComparer.Ordinal).ToList();
    }

    private static void Print(SetPackStatesResponse response, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonFormatter.Default.Format(response));
            return;
        }
        foreach (var o in response.Outcomes)
        {
            var state = o.Status.State == PackState.Unspecified ? "unknown" : PackResultPrinter.Name(o.Status.State);
            output.WriteLine($"{o.SerialNumber,-20}  {PackResultPrinter.Name(o.Outcome),-20} state {state}");
        }
    }
}
