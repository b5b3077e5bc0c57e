using System.CommandLine;
using Verifier.Cli.Parsing;
using Verifier.V1;

namespace Verifier.Cli.Scanning;

/// <summary>How a command names a pack: a raw scan, or the four fields.</summary>
internal static class PackIdentity
{
    public static readonly Option<string?> Scan = new("--scan")
    {
        Description = "The scan as the scanner sends it; type GS as \\x1D, \\u001D or <GS> (also <RS>, <EOT>)",
    };

    public static readonly Option<string?> Product = new("--product") { Description = "Product code (GTIN/NTIN or PPN), instead of --scan" };
    public static readonly Option<string?> Serial = new("--serial") { Description = "Serial number, instead of --scan" };
    public static readonly Option<string?> Batch = new("--batch") { Description = "Batch, instead of --scan" };
    public static readonly Option<string?> Expiry = new("--expiry") { Description = "Expiry YYMMDD, instead of --scan" };

    public static void AddTo(Command command)
    {
        foreach (var option in new Option[] { Scan, Product, Serial, Batch, Expiry }) command.Options.Add(option);
        command.Validators.Add(result =>
        {
            var hasScan = result.GetValue(Scan) is not null;
            var hasFields = result.GetValue(Product) is not null || result.GetValue(Serial) is not null;
            if (hasScan == hasFields) result.AddError("Name the pack with --scan, or with --product and --serial (plus --batch, --expiry).");
            if (result.GetValue(Scan) is { } scan && !ScanEscapes.TryUnescape(scan, out _, out var error)) result.AddError($"--scan: {error}");
        });
    }

    public static PackIdentifier Read(ParseResult parse) => parse.GetValue(Scan) is { } scan
        ? new PackIdentifier { Scan = ScanEscapes.TryUnescape(scan, out var unescaped, out _) ? unescaped : scan }
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
}
