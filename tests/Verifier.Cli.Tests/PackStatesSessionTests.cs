using System.Text.RegularExpressions;

namespace Verifier.Cli.Tests;

/// <summary>`verifier pack-states` against the real server: the demo MAH marks packs of its own product.</summary>
public sealed partial class PackStatesSessionTests : IAsyncLifetime
{
    private DemoServer _server = null!;
    private string _product = "";
    private List<string> _serials = [];

    public async Task InitializeAsync()
    {
        _server = await DemoServer.StartAsync();
        var demo = await _server.Run("demo");
        Assert.Equal(0, demo.ExitCode);
        var active = ActiveNtinPack().Matches(demo.Output);
        _product = active[0].Groups[1].Value;
        _serials = [.. active.Select(m => m.Groups[2].Value)];
        Assert.True(_serials.Count >= 2, demo.Output);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_MAH_sets_its_packs_stolen_and_a_retry_with_the_same_id_changes_nothing()
    {
        string[] stolen = ["pack-states", "--api-key", "demo-mah-acme", "--reason", "stolen", "--product", _product,
            "--serial", _serials[0], "--serial", _serials[1], "--transaction-id", "theft-report-1"];

        var first = await _server.Run(stolen);
        var retry = await _server.Run(stolen);
        var verify = await _server.Run("verify", "--api-key", "demo-pharmacy-berlin", "--product", _product, "--serial", _serials[0],
            "--batch", "DEMO-A1", "--expiry", "301231");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal([$"{_serials[0]} SUCCESS state STOLEN", $"{_serials[1]} SUCCESS state STOLEN"], Lines(first.Output));
        Assert.Equal(0, retry.ExitCode);
        Assert.Equal(first.Output, retry.Output);
        Assert.Contains("state STOLEN", verify.Output);
    }

    [Fact]
    public async Task Serials_come_from_a_file_too_and_one_failed_serial_exits_1()
    {
        var file = Path.Combine(Path.GetTempPath(), $"verifier-serials-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, $"{_serials[1]}\r\n\nNOSUCHSERIAL\n");
        try
        {
            var run = await _server.Run("pack-states", "--api-key", "demo-mah-acme", "--reason", "locked", "--product", _product,
                "--serial", _serials[0], "--serials-file", file);

            Assert.Equal(1, run.ExitCode);
            Assert.Equal(
                [$"{_serials[0]} SUCCESS state LOCKED", $"{_serials[1]} SUCCESS state LOCKED", "NOSUCHSERIAL SERIAL_UNKNOWN state unknown"],
                Lines(run.Output));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Another_MAH_and_a_pharmacy_are_refused_by_the_server()
    {
        var globex = await _server.Run("pack-states", "--api-key", "demo-mah-globex", "--reason", "destroyed", "--product", _product, "--serial", _serials[0]);
        var pharmacy = await _server.Run("pack-states", "--api-key", "demo-pharmacy-berlin", "--reason", "destroyed", "--product", _product, "--serial", _serials[0]);

        Assert.Equal((3, 3), (globex.ExitCode, pharmacy.ExitCode));
        Assert.Contains("PermissionDenied", globex.Error);
        Assert.Contains("PermissionDenied", pharmacy.Error);
    }

    /// <summary>The output's lines with runs of spaces made one, so the assertions do not depend on column widths.</summary>
    private static List<string> Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => Spaces().Replace(line, " "))];

    [GeneratedRegex(@"HRI: \(01\)(\d{14})\(17\)301231\(10\)DEMO-A1\(21\)(\S+)")]
    private static partial Regex ActiveNtinPack();

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();
}
