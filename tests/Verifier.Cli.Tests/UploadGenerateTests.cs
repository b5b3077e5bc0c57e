using System.CommandLine;
using System.Security.Cryptography;
using Verifier.Cli.Generate;
using Verifier.Cli.Upload;
using Verifier.Core.Identification;

namespace Verifier.Cli.Tests;

public sealed class UploadGenerateTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("verifier-generate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Generate_writes_valid_products_and_the_requested_serials()
    {
        var (exit, _, _) = await RunAsync("generate", "--products", "3", "--batches-per-product", "2", "--serials-per-batch", "250", "--out", Out("a"), "--seed", "s");

        Assert.Equal(0, exit);
        var products = ProductFile.Read(Path.Combine(Out("a"), "products.csv")).Select(p => p.Product).ToList();
        Assert.Equal(3, products.Count);
        Assert.All(products, p => Assert.True(p.ProductCode.Length == 14 ? Gs1CheckDigit.IsValid(p.ProductCode) : PpnCheckDigits.IsValid(p.ProductCode), p.ProductCode));
        Assert.Contains(products, p => p.ProductCode.Length == 12);
        var rows = Directory.GetFiles(Out("a"), "serials-*.csv").SelectMany(SerialFile.Read).ToList();
        Assert.Equal(1500, rows.Count);
        Assert.Equal(6, rows.Select(r => (r.ProductCode, r.Batch)).Distinct().Count());
        Assert.All(rows, r => Assert.Matches("^[0-9A-Z]{16}$", r.Serial));
        Assert.All(rows, r => Assert.True(ExpiryDate.TryParse(r.Expiry, out _), r.Expiry));
        Assert.Equal(rows.Count, rows.Select(r => (r.ProductCode, r.Serial)).Distinct().Count());
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_data_set_and_no_seed_a_random_one()
    {
        string[] size = ["--products", "2", "--batches-per-product", "2", "--serials-per-batch", "100"];
        await RunAsync(["generate", .. size, "--out", Out("a"), "--seed", "42"]);
        await RunAsync(["generate", .. size, "--out", Out("b"), "--seed", "42"]);
        await RunAsync(["generate", .. size, "--out", Out("c")]);

        Assert.Equal(Fingerprint(Out("a")), Fingerprint(Out("b")));
        Assert.NotEqual(Fingerprint(Out("a")), Fingerprint(Out("c")));
    }

    [Fact]
    public void Seeded_serial_characters_are_spread_evenly()
    {
        using var random = new SerialRandom("spread");
        var counts = random.Next(360_000).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(36, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, 9_400, 10_600));
    }

    [Theory]
    [InlineData("generate", "--out", "x", "--serial-length", "8")]
    [InlineData("upload", "/no/such/file.csv")]
    [InlineData("upload")]
    public async Task Usage_errors_exit_with_2(params string[] args) => Assert.Equal(2, (await RunAsync(args)).Exit);

    [Fact]
    public async Task An_unreachable_server_is_a_server_error()
    {
        var file = Path.Combine(_directory, "s.csv");
        await File.WriteAllTextAsync(file, "product_code,batch,expiry,serial\n04150123456782,L1,301231,A1\n");
        var (exit, _, error) = await RunAsync("upload", "--server", "http://127.0.0.1:9", "--api-key", "k", file);
        Assert.Equal(3, exit);
        Assert.Contains("Unavailable", error);
    }

    private string Out(string name) => Path.Combine(_directory, name);

    private static string Fingerprint(string directory) => string.Join(",", Directory.GetFiles(directory).Order()
        .Select(f => Path.GetFileName(f) + ":" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var run = await CliRun.OfAsync(args);
        return (run.ExitCode, run.Output, run.Error);
    }
}
