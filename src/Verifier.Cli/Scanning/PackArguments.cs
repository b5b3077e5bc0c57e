using System.CommandLine;
using System.Text;
using Verifier.V1;

namespace Verifier.Cli.Scanning;

/// <summary>How a scanner command names a pack: a raw scan, or the four fields.</summary>
internal static class PackArguments
{
    public static readonly Option<string?> Scan = new("--scan")
    {
        Description = "The scan as the scanner sends it; GS may be written as \\u001d, \\x1d or <GS> (also RS, EOT)",
    };

    public static readonly Option<string?> Product = new("--product") { Description = "Product code (GTIN/NTIN or PPN), instead of --scan" };
    public static readonly Option<string?> Serial = new("--serial") { Description = "Serial number, instead of --scan" };
    public static readonly Option<string?> Batch = new("--batch") { Description = "Batch, instead of --scan" };
    public static readonly Option<string?> Expiry = new("--expiry") { Description = "Expiry YYMMDD, instead of --scan" };

    public static readonly Option<string?> TransactionId = new("--transaction-id")
    {
        Description = "Client transaction id (default: a new one); repeat it to retry idempotently",
    };

    public static readonly Option<string?> User = new("--user") { Description = "The person at the terminal, for the audit trail" };

    public static readonly Option<bool> Json = new("--json") { Description = "Print the server's answer as JSON" };

    public static void AddTo(Command command)
    {
        foreach (var option in new Option[] { Scan, Product, Serial, Batch, Expiry, TransactionId, User, Json }) command.Options.Add(option);
        command.Validators.Add(result =>
        {
            var hasScan = result.GetValue(Scan) is not null;
            var hasFields = result.GetValue(Product) is not null || result.GetValue(Serial) is not null;
            if (hasScan == hasFields) result.AddError("Name the pack with --scan, or with --product and --serial (plus --batch, --expiry).");
        });
    }

    public static PackIdentifier Read(ParseResult parse) => parse.GetValue(Scan) is { } scan
        ? new PackIdentifier { Scan = Unescape(scan) }
        : new PackIdentifier
        {
            Fields = new PackFields
            {
                ProductCode = parse.GetValue(Product) ?? "",
                SerialNumber = parse.GetValue(Serial) ?? "",
                Batch = parse.GetValue(Batch) ?? "",
                Expiry = parse.GetValue(Expiry) ?? "",
            },
        };

    public static string NewTransactionId(ParseResult parse) => parse.GetValue(TransactionId) ?? Guid.NewGuid().ToString("N");

    /// <summary>Shells cannot easily carry GS/RS/EOT, so the usual written forms are accepted.</summary>
    public static string Unescape(string scan)
    {
        var text = new StringBuilder(scan)
            .Replace("<GS>", "\u001d").Replace("<RS>", "\u001e").Replace("<EOT>", "\u0004")
            .Replace("\\u001d", "\u001d").Replace("\\u001D", "\u001d").Replace("\\x1d", "\u001d").Replace("\\x1D", "\u001d")
            .Replace("\\u001e", "\u001e").Replace("\\u001E", "\u001e").Replace("\\x1e", "\u001e").Replace("\\x1E", "\u001e")
            .Replace("\\u0004", "\u0004").Replace("\\x04", "\u0004");
        return text.ToString();
    }
}
