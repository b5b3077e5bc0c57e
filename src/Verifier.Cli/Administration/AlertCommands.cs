using System.CommandLine;
using Google.Protobuf;
using Verifier.Cli.Client;
using Verifier.Cli.Scanning;
using Verifier.V1;

namespace Verifier.Cli.Administration;

/// <summary>`verifier alerts list|get|update`: a client's own alerts; operators investigate all.</summary>
internal static class AlertCommands
{
    public static Command Create()
    {
        var alerts = new Command("alerts", "List and investigate alerts");
        alerts.Subcommands.Add(List());
        alerts.Subcommands.Add(Get());
        alerts.Subcommands.Add(Update());
        return alerts;
    }

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = "Only alerts in this status" };
        status.AcceptOnlyFromAmong("new", "under-investigation", "escalated", "closed");
        var limit = new Option<int>("--limit") { Description = "At most this many (newest first)", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List alerts, newest first") { status, limit, JsonOption.Json };
        command.SetAction((parse, cancellationToken) => Call(parse, async client =>
        {
            var response = await client.ListAlertsAsync(new ListAlertsRequest
            {
                Status = ParseStatus(parse.GetValue(status)), PageSize = parse.GetValue(limit),
            }, cancellationToken: cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(JsonOption.Json))
            {
                output.WriteLine(JsonFormatter.Default.Format(response));
                return 0;
            }
            foreach (var a in response.Alerts) Print(a, output);
            if (response.Alerts.Count == 0) output.WriteLine("No alerts.");
            return 0;
        }));
        return command;
    }

    private static Command Get()
    {
        var id = AlertId();
        var command = new Command("get", "Show one alert") { id, JsonOption.Json };
        command.SetAction((parse, cancellationToken) => Call(parse, async client =>
        {
            var response = await client.GetAlertAsync(new GetAlertRequest { AlertId = parse.GetValue(id)! }, cancellationToken: cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(JsonOption.Json)) output.WriteLine(JsonFormatter.Default.Format(response));
            else Print(response.Alert, output);
            return 0;
        }));
        return command;
    }

    private static Command Update()
    {
        var id = AlertId();
        var status = new Option<string>("--status") { Description = "The new status", Required = true };
        status.AcceptOnlyFromAmong("under-investigation", "escalated", "closed");
        var classification = new Option<string?>("--classification") { Description = "Required with --status closed" };
        classification.AcceptOnlyFromAmong("technical-error", "procedural-error", "confirmed-falsification");
        var note = new Option<string?>("--note") { Description = "Investigator's note" };
        var command = new Command("update", "Move an alert along its life cycle (operators)") { id, status, classification, note, JsonOption.Json };
        command.SetAction((parse, cancellationToken) => Call(parse, async client =>
        {
            var response = await client.UpdateAlertAsync(new UpdateAlertRequest
            {
                AlertId = parse.GetValue(id)!,
                Status = ParseStatus(parse.GetValue(status)),
                Classification = parse.GetValue(classification) switch
                {
                    "technical-error" => AlertClassification.TechnicalError,
                    "procedural-error" => AlertClassification.ProceduralError,
                    "confirmed-falsification" => AlertClassification.ConfirmedFalsification,
                    _ => AlertClassification.Unspecified,
                },
                Note = parse.GetValue(note) ?? "",
            }, cancellationToken: cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(JsonOption.Json)) output.WriteLine(JsonFormatter.Default.Format(response));
            else Print(response.Alert, output);
            return 0;
        }));
        return command;
    }

    private static Argument<string> AlertId() => new("alert-id") { Description = "The alert id (ALT-...)" };

    private static AlertStatus ParseStatus(string? status) => status switch
    {
        "new" => AlertStatus.New,
        "under-investigation" => AlertStatus.UnderInvestigation,
        "escalated" => AlertStatus.Escalated,
        "closed" => AlertStatus.Closed,
        _ => AlertStatus.Unspecified,
    };

    private static void Print(Alert a, TextWriter output) => output.WriteLine(
        $"{a.AlertId}  {a.CreatedAt.ToDateTimeOffset():O}  {PackResultPrinter.Name(a.Status),-20} {PackResultPrinter.Name(a.Kind),-8} "
        + $"{PackResultPrinter.Name(a.Outcome),-18} {a.Pack.ProductCode}/{a.Pack.SerialNumber}  {a.ClientId}@{a.LocationId}"
        + (a.Classification != AlertClassification.Unspecified ? $"  {PackResultPrinter.Name(a.Classification)}" : "")
        + (a.Note.Length > 0 ? $"  \"{a.Note}\"" : ""));

    private static Task<int> Call(ParseResult parse, Func<AlertService.AlertServiceClient, Task<int>> action) =>
        ServerConnection.CallAsync(parse, invoker => action(new AlertService.AlertServiceClient(invoker)));
}
