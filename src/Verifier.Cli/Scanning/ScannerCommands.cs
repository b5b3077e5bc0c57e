using System.CommandLine;
using Verifier.Cli.Client;
using Verifier.V1;

namespace Verifier.Cli.Scanning;

/// <summary>The scanner client: verify, decommission, undo and flag a pack, and show its history.</summary>
internal static class ScannerCommands
{
    private static readonly Dictionary<string, DecommissionReason> Reasons = new()
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
        yield return PackCommand("verify", "Check a pack's status (never changes it)", async (client, parse, pack, tx, user) =>
            (await client.VerifyAsync(new VerifyRequest { ClientTransactionId = tx, Pack = pack, UserId = user })).Result);

        var decommission = PackCommand("decommission", "Decommission a pack, e.g. --reason supplied at dispense", async (client, parse, pack, tx, user) =>
            (await client.DecommissionAsync(new DecommissionRequest { ClientTransactionId = tx, Pack = pack, Reason = ParseReason(parse), UserId = user })).Result);
        decommission.Options.Add(Reason);
        yield return decommission;

        var undo = PackCommand("undo", "Revert a decommissioned pack to active (same location, within 10 days)", async (client, parse, pack, tx, user) =>
            (await client.UndoAsync(new UndoRequest { ClientTransactionId = tx, Pack = pack, Reason = ParseReason(parse), UserId = user })).Result);
        undo.Options.Add(Reason);
        yield return undo;

        var flag = PackCommand("flag", "Report a suspected falsification: locks the pack and raises an alert", async (client, parse, pack, tx, user) =>
            (await client.FlagSuspectAsync(new FlagSuspectRequest
            {
                ClientTransactionId = tx, Pack = pack, Description = parse.GetValue(Description) ?? "", UserId = user,
            })).Result);
        flag.Options.Add(Description);
        yield return flag;
    }

    private static Command PackCommand(
        string name, string description, Func<PackService.PackServiceClient, ParseResult, PackIdentifier, string, string, Task<PackResult>> call)
    {
        var command = new Command(name, description);
        PackArguments.AddTo(command);
        command.SetAction((parse, cancellationToken) => ServerConnection.CallAsync(parse, async invoker =>
        {
            var client = new PackService.PackServiceClient(invoker);
            var result = await call(client, parse, PackArguments.Read(parse), PackArguments.NewTransactionId(parse), parse.GetValue(PackArguments.User) ?? "");
            return PackResultPrinter.Print(result, parse.GetValue(PackArguments.Json), parse.InvocationConfiguration.Output);
        }));
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
