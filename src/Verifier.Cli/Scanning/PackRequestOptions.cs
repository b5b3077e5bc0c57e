using System.CommandLine;

namespace Verifier.Cli.Scanning;

/// <summary>
/// What a pack operation (verify, decommission, undo, flag) carries besides the pack: its client
/// transaction id and the person at the terminal. Reading the history sends neither.
/// </summary>
internal static class PackRequestOptions
{
    public static readonly Option<string?> TransactionId = new("--transaction-id")
    {
        Description = "Client transaction id (default: a new one); repeat it to retry idempotently",
    };

    public static readonly Option<string?> User = new("--user") { Description = "The person at the terminal, for the audit trail" };

    public static void AddTo(Command command)
    {
        command.Options.Add(TransactionId);
        command.Options.Add(User);
    }

    public static string NewTransactionId(ParseResult parse) => parse.GetValue(TransactionId) ?? Guid.NewGuid().ToString("N");

    public static string UserId(ParseResult parse) => parse.GetValue(User) ?? "";
}
