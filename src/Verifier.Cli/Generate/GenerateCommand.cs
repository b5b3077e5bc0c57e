using Verifier.Core.Identification;
using System.CommandLine;
using System.Text;
using Verifier.Cli.Upload;

namespace Verifier.Cli.Generate;

/// <summary>
/// `verifier generate`: a synthetic national data set in the upload formats, written as it is
/// made (memory holds one batch's serials, never the data set).
/// </summary>
internal static class GenerateCommand
{
    private static readonly Option<int> Products = new("--products") { Description = "Number of products (half NTIN/GTIN, half PPN)", DefaultValueFactory = _ => 10 };
    private static readonly Option<int> BatchesPerProduct = new("--batches-per-product") { Description = "Batches per product", DefaultValueFactory = _ => 10 };
    private static readonly Option<int> SerialsPerBatch = new("--serials-per-batch") { Description = "Serial numbers per batch", DefaultValueFactory = _ => 10_000 };
    private static readonly Option<int> SerialLength = new("--serial-length") { Description = "Characters per serial (12 to 20, alphabet 0-9A-Z)", DefaultValueFactory = _ => 16 };
    private static readonly Option<string> Out = new("--out") { Description = "Output directory (created)", Required = true };
    private static readonly Option<string?> Seed = new("--seed") { Description = "Makes the data set reproducible (AES-CTR keyed by the seed); default: OS random" };
    private static readonly Option<string> MahId = new("--mah-id") { Description = "Owning MAH written to products.csv (for operator uploads)", DefaultValueFactory = _ => "mah-acme" };

    public static Command Create()
    {
        var command = new Command("generate", """
            Write a synthetic data set for `verifier upload`: OUT/products.csv, OUT/serials-<product_code>.csv
            (cryptographically random serials over 0-9A-Z; --seed makes it reproducible)
            """);
        foreach (var option in new Option[] { Products, BatchesPerProduct, SerialsPerBatch, SerialLength, Out, Seed, MahId }) command.Options.Add(option);
        command.SetAction(parse => Run(parse));
        return command;
    }

    private static int Run(ParseResult parse)
    {
        var products = parse.GetValue(Products);
        var batches = parse.GetValue(BatchesPerProduct);
        var serials = parse.GetValue(SerialsPerBatch);
        var length = parse.GetValue(SerialLength);
        var error = parse.InvocationConfiguration.Error;
        if (products is < 1 or > 1_000_000 || batches < 1 || serials < 1 || length is < 12 or > 20)
        {
            error.WriteLine("error: --products 1..1000000, --batches-per-product and --serials-per-batch ≥ 1, --serial-length 12..20.");
            return 2;
        }
        var directory = parse.GetValue(Out)!;
        Directory.CreateDirectory(directory);
        using var random = new SerialRandom(parse.GetValue(Seed));
        var total = (long)products * batches * serials;
        var progress = new ProgressReport(error, "serials", total, ProgressReport.StderrIsTerminal);

        using var productFile = new StreamWriter(Path.Combine(directory, "products.csv"), false, new UTF8Encoding(false));
        productFile.WriteLine(ProductFile.Header);
        var codes = ProductCodesFrom(random, products);
        for (var p = 0; p < products; p++)
        {
            var code = codes[p];
            var ppn = code.Length == 12;
            productFile.WriteLine(string.Join(',', code, ppn ? "ppn" : "gtin", $"Synthetic product {p + 1}", "syntheticum", "tablet",
                $"{5 * (1 + p % 8)} mg", 10 * (1 + p % 10), "blister", "DE", "", CsvLine.Field(parse.GetValue(MahId)!)));
            WriteSerials(Path.Combine(directory, $"serials-{code}.csv"), code, batches, serials, length, random, progress);
        }
        progress.Finish();
        parse.InvocationConfiguration.Output.WriteLine($"wrote {products:N0} products, {products * (long)batches:N0} batches, {total:N0} serials to {directory}");
        return 0;
    }

    /// <summary>Distinct PZNs from the generator; even products get an NTIN, odd ones a PPN.</summary>
    private static List<string> ProductCodesFrom(SerialRandom random, int count)
    {
        var pzns = new HashSet<string>();
        var codes = new List<string>(count);
        while (codes.Count < count)
        {
            if (!Pzn.TryComplete((random.NextInt(9_000_000) + 1_000_000).ToString("D7"), out var pzn) || !pzns.Add(pzn)) continue;
            codes.Add(codes.Count % 2 == 0 ? Pzn.ToNtin(pzn) : Pzn.ToPpn(pzn));
        }
        return codes;
    }

    private static void WriteSerials(string path, string code, int batches, int serialsPerBatch, int length, SerialRandom random, ProgressReport progress)
    {
        using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        file.WriteLine(SerialFile.CsvHeader);
        var batchIds = new HashSet<string>();
        for (var b = 0; b < batches; b++)
        {
            string batch;
            do batch = "L" + random.Next(7); while (!batchIds.Add(batch));
            // Expiries from 2027 to 2031; every fourth batch printed with DD = 00 (end of month).
            var month = 1 + random.NextInt(12);
            var year = 27 + random.NextInt(5);
            var day = b % 4 == 0 ? 0 : DateTime.DaysInMonth(2000 + year, month);
            var expiry = $"{year:D2}{month:D2}{day:D2}";
            // Unique within the batch by construction; across a product's batches a collision of
            // 16 random characters (36^16 ≈ 8·10^24 values) is not a practical concern.
            var seen = new HashSet<string>(serialsPerBatch, StringComparer.Ordinal);
            var prefix = $"{code},{batch},{expiry},";
            while (seen.Count < serialsPerBatch)
            {
                var serial = random.Next(length);
                if (!seen.Add(serial)) continue;
                file.Write(prefix);
                file.WriteLine(serial);
                if (seen.Count % 10_000 == 0) progress.Add(10_000);
            }
            progress.Add(serialsPerBatch % 10_000);
        }
    }
}
