using System.CommandLine;
using Google.Protobuf;
using Verifier.Cli.Client;
using Verifier.V1;

namespace Verifier.Cli.Scanning;

/// <summary>`verifier history`: a pack's audit trail (own entries; all for operators and the pack's MAH).</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var command = new Command("history", "Show a pack's audit trail, newest first");
        PackIdentity.AddTo(command);
        command.Options.Add(JsonOption.Json);
        command.SetAction((parse, cancellationToken) => ServerConnection.CallAsync(parse, async invoker =>
        {
            var response = await new PackService.PackServiceClient(invoker).PackHistoryAsync(
                new PackHistoryRequest { Pack = PackIdentity.Read(parse), PageSize = 1000 }, cancellationToken: cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(JsonOption.Json))
            {
                output.WriteLine(JsonFormatter.Default.Format(response));
                return 0;
            }
            foreach (var e in response.Entries)
            {
                output.WriteLine(
                    $"{e.Timestamp.ToDateTimeOffset():O}  {e.Operation,-24} {PackResultPrinter.Name(e.Outcome),-20} "
                    + $"{States(e),-22} {(e.ClientId.Length > 0 ? $"{e.ClientId}@{e.LocationId}" : "(another party)")}"
                    + (e.AlertId.Length > 0 ? $"  alert {e.AlertId}" : "") + (e.Note.Length > 0 ? $"  ({e.Note})" : "")
                    + (e.PerformedAt is { } performed ? $"  performed {performed.ToDateTimeOffset():O} (offline)" : ""));
            }
            if (response.Entries.Count == 0) output.WriteLine("No entries visible to this client.");
            return 0;
        }));
        return command;
    }

    /// <summary>Batch and product operations (upload, recall) change no pack state: shown blank.</summary>
    private static string States(AuditEntry entry) => entry.StateAfter == PackState.Unspecified
        ? ""
        : $"{PackResultPrinter.Name(entry.StateBefore)} -> {PackResultPrinter.Name(entry.StateAfter)}";
}
