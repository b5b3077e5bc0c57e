using System.CommandLine;
using Google.Protobuf;
using Verifier.Cli.Client;
using Verifier.Cli.Offline;
using Verifier.V1;

namespace Verifier.Cli.Scanning;

/// <summary>The scanner client: verify, decommission, undo and flag a pack.</summary>
internal static class ScannerCommands
{
    /// <summary>The command line's names of the decommission reasons; `pack-states` takes the MAH's four of them.</summary>
    public static readonly IReadOnlyDictionary<string, DecommissionReason> Reasons = new Dictionary<string, DecommissionReason>
    {
        ["supplied"] = DecommissionReason.Supplied,
        ["destroyed"] = DecommissionReason.Destroyed,
        ["exported"] = DecommissionReason.Exported,
        ["sample"] = DecommissionReason.Sample,
        ["free-sample"] = DecommissionReason.FreeSample,
        ["locked"] = DecommissionReason.Locked,
        ["stolen"] = DecommissionReason.Stolen,
        ["checked-out"] = DecommissionReason.CheckedOut,
    };

    private static readonly Option<string> Reason = CreateReasonOption();

    private static readonly Option<string?> Description = new("--description") { Description = "Why the pack is suspected (free text)" };

    public static IEnumerable<Command> Create()
    {
        yield return PackCommand("verify", "Check a pack's status (never changes it)", (parse, request) =>
            new VerifyRequest { ClientTransactionId = request.TransactionId, Pack = request.Pack, UserId = request.User });

        var decommission = PackCommand("decommission", "Decommission a pack, e.g. --reason supplied at dispense", (parse, request) =>
            new DecommissionRequest { ClientTransactionId = request.TransactionId, Pack = request.Pack, Reason = ParseReason(parse), UserId = request.User });
        decommission.Options.Add(Reason);
        yield return decommission;

        var undo = PackCommand("undo", "Revert a decommissioned pack to active (same location, within 10 days)", (parse, request) =>
            new UndoRequest { ClientTransactionId = request.TransactionId, Pack = request.Pack, Reason = ParseReason(parse), UserId = request.User });
        undo.Options.Add(Reason);
        yield return undo;

        var flag = PackCommand("flag", "Report a suspected falsification: locks the pack and raises an alert", (parse, request) =>
            new FlagSuspectRequest
            {
                ClientTransactionId = request.TransactionId, Pack = request.Pack, Description = parse.GetValue(Description) ?? "", UserId = request.User,
            });
        flag.Options.Add(Description);
        yield return flag;
    }

    /// <summary>What every pack operation sends, read once from the command line.</summary>
    private sealed record PackRequest(PackIdentifier Pack, string TransactionId, string User);

    private static Command PackCommand(string name, string description, Func<ParseResult, PackRequest, IMessage> build)
    {
        var command = new Command(name, description);
        PackIdentity.AddTo(command);
        PackRequestOptions.AddTo(command);
        command.Options.Add(JsonOption.Json);
        command.Options.Add(OfflineScans.QueueFile);
        command.SetAction((parse, cancellationToken) =>
        {
            var request = new PackRequest(PackIdentity.Read(parse), PackRequestOptions.NewTransactionId(parse), PackRequestOptions.UserId(parse));
            return OfflineScans.RunAsync(parse, new QueuedOperation(build(parse, request)), cancellationToken);
        });
        return command;
    }

    private static DecommissionReason ParseReason(ParseResult parse) => Reasons[parse.GetValue(Reason)!];

    private static Option<string> CreateReasonOption()
    {
        var option = new Option<string>("--reason") { Description = "The decommission reason (for undo: the one reversed)", Required = true };
        option.AcceptOnlyFromAmong([.. Reasons.Keys]);
        return option;
    }
}
