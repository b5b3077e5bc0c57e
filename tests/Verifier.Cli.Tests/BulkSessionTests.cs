using System.Text.Json;
using System.Text.RegularExpressions;

namespace Verifier.Cli.Tests;

/// <summary>`verifier bulk` against the real server: a wholesaler's file as a stream and as a job.</summary>
public sealed partial class BulkSessionTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("verifier-cli-bulk-").FullName;
    private DemoServer _server = null!;
    private List<(string Product, string Serial)> _packs = [];

    public async Task InitializeAsync()
    {
        _server = await DemoServer.StartAsync();
        var demo = await _server.Run("demo");
        Assert.Equal(0, demo.ExitCode);
        _packs = [.. ActiveNtinPack().Matches(demo.Output).Select(m => (m.Groups[1].Value, m.Groups[2].Value))];
        Assert.True(_packs.Count >= 2, demo.Output);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_file_of_scans_streams_with_a_summary_and_a_CSV_of_results_and_a_bad_line_fails_alone()
    {
        var file = Write("scans.txt",
            string.Join('\n', _packs.Select(p => $"(01){p.Product}(17)301231(10)DEMO-A1(21){p.Serial}")) + "\n\nnot a scan\n");
        var csv = Path.Combine(_directory, "results.csv");

        var run = await _server.Run("bulk", "--api-key", "demo-wholesaler-north", "--file", file, "--out", csv);

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@$"SUCCESS\s+NMVS_SUCCESS\s+{_packs.Count}", run.Output);
        Assert.Matches(@"REFUSED INVALID_ARGUMENT\s+1", run.Output);
        var lines = File.ReadAllLines(csv);
        Assert.StartsWith("index,client_transaction_id,product_code,serial_number", lines[0]);
        Assert.Equal(_packs.Count + 2, lines.Length);
        Assert.Contains(",INVALID_ARGUMENT,", lines[^1]);
    }

    [Fact]
    public async Task A_CSV_decommissions_as_a_job_and_repeating_the_run_with_its_id_replays_it()
    {
        var file = Write("export.csv", "product_code,serial_number,batch,expiry\n"
            + string.Join('\n', _packs.Select(p => $"{p.Product},{p.Serial},DEMO-A1,301231")) + "\n");
        var json = Path.Combine(_directory, "results.json");
        string[] export = ["bulk", "--api-key", "demo-wholesaler-north", "--file", file, "--job", "--operation", "decommission", "--reason", "exported", "--id", "export-1"];

        var first = await _server.Run([.. export, "--out", json]);
        var again = await _server.Run(export);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, again.ExitCode);
        Assert.Matches(@$"SUCCESS\s+NMVS_SUCCESS\s+{_packs.Count}", again.Output);
        using var results = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(_packs.Count, results.RootElement.GetArrayLength());
        Assert.All(results.RootElement.EnumerateArray(), r => Assert.Equal("PACK_STATE_EXPORTED", r.GetProperty("result").GetProperty("status").GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Decommission_without_a_reason_is_a_usage_error()
    {
        var file = Write("one.txt", "(01)04150123456782(17)301231(10)A(21)S\n");

        var run = await _server.Run("bulk", "--api-key", "demo-wholesaler-north", "--file", file, "--operation", "decommission");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("needs --reason", run.Error);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [GeneratedRegex(@"HRI: \(01\)(\d{14})\(17\)301231\(10\)DEMO-A1\(21\)(\S+)")]
    private static partial Regex ActiveNtinPack();
}
