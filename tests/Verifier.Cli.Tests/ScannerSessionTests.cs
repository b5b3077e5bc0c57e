using System.Text.Json;
using System.Text.RegularExpressions;

namespace Verifier.Cli.Tests;

/// <summary>
/// The README's first session, automated: the real server (embedded default: SQLite + Garnet) on
/// loopback, `verifier demo`, then the scanner commands a new user types.
/// </summary>
public sealed partial class ScannerSessionTests : IAsyncLifetime
{
    private DemoServer _server = null!;

    public async Task InitializeAsync() => _server = await DemoServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_new_user_loads_the_demo_and_scans_packs()
    {
        var demo = await Run("demo");
        Assert.Equal(0, demo.ExitCode);
        var scan = FirstActiveScan().Match(demo.Output).Groups[1].Value;
        Assert.NotEmpty(scan);

        var verify = await Run("verify", "--api-key", "demo-pharmacy-berlin", "--scan", scan);
        var supply = await Run("decommission", "--reason", "supplied", "--api-key", "demo-pharmacy-berlin", "--scan", scan);
        var elsewhere = await Run("decommission", "--reason", "supplied", "--api-key", "demo-pharmacy-munich", "--scan", scan, "--json");
        var history = await Run("history", "--api-key", "demo-operator", "--scan", scan);
        var alerts = await Run("alerts", "list", "--api-key", "demo-operator");

        Assert.Equal(0, verify.ExitCode);
        Assert.StartsWith("SUCCESS (NMVS_SUCCESS)", verify.Output);
        Assert.Equal(0, supply.ExitCode);
        Assert.Contains("state SUPPLIED", supply.Output);
        Assert.Equal(1, elsewhere.ExitCode);
        using var json = JsonDocument.Parse(elsewhere.Output);
        Assert.Equal("OUTCOME_ALREADY_INACTIVE", json.RootElement.GetProperty("outcome").GetString());
        var alertId = json.RootElement.GetProperty("alertId").GetString()!;
        Assert.StartsWith("ALT-", alertId);
        // Newest first: the two decommissions, the verify, then the batch's upload and the product's creation.
        Assert.Equal(["decommission:supplied", "decommission:supplied", "verify", "upload", "product-upsert"],
            history.Output.Trim().Split('\n').Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
        Assert.Contains(alertId, alerts.Output);

        var alert = await Run("alerts", "get", alertId, "--api-key", "demo-operator");
        var unknown = await Run("alerts", "get", "ALT-NOPE", "--api-key", "demo-operator");
        Assert.Equal(0, alert.ExitCode);
        Assert.StartsWith(alertId, alert.Output);
        Assert.Contains("ALREADY_INACTIVE", alert.Output);
        Assert.Equal(3, unknown.ExitCode);
        Assert.Contains("NotFound", unknown.Error);
    }

    [Fact]
    public async Task A_refused_scan_and_a_wrong_key_are_server_errors_with_reasons()
    {
        var garbage = await Run("verify", "--api-key", "demo-pharmacy-berlin", "--scan", "not a pack");
        var wrongKey = await Run("verify", "--api-key", "nope", "--product", "04150123456782", "--serial", "X", "--batch", "B", "--expiry", "301231");

        Assert.Equal(3, garbage.ExitCode);
        Assert.Contains("InvalidArgument", garbage.Error);
        Assert.Contains("verifier-scan-problems", garbage.Error);
        Assert.Equal(3, wrongKey.ExitCode);
        Assert.Contains("Unauthenticated", wrongKey.Error);
    }

    [Fact]
    public async Task A_pack_photo_is_decoded_locally_and_by_the_server()
    {
        var demo = await Run("demo");
        var scan = FirstActiveScan().Match(demo.Output).Groups[1].Value;
        var photo = Path.Combine(Path.GetTempPath(), $"pack-{Guid.NewGuid():N}.png");
        var blank = Path.Combine(Path.GetTempPath(), $"blank-{Guid.NewGuid():N}.png");
        try
        {
            var render = await Run("render", "--scan", scan, "--out", photo, "--module-size", "4");
            var local = await Run("scan", "--image", photo, "--json");
            var verify = await Run("scan", "--image", photo, "--verify", "--api-key", "demo-pharmacy-berlin");
            File.WriteAllBytes(blank, BlankPng());
            var nothing = await Run("scan", "--image", blank, "--verify", "--api-key", "demo-pharmacy-berlin");

            Assert.Equal(0, render.ExitCode);
            Assert.Equal(0, local.ExitCode);
            using var json = JsonDocument.Parse(local.Output);
            var symbol = json.RootElement.GetProperty("symbols")[0];
            Assert.True(symbol.GetProperty("gs1").GetBoolean());
            Assert.Equal(4, symbol.GetProperty("corners").GetArrayLength());
            Assert.True(json.RootElement.GetProperty("parse").GetProperty("complete").GetBoolean());
            Assert.Equal(0, verify.ExitCode);
            Assert.StartsWith("SUCCESS (NMVS_SUCCESS)", verify.Output);
            Assert.Contains("decoded  ]d2", verify.Output);
            Assert.Equal(3, nothing.ExitCode);
            Assert.Contains("InvalidArgument", nothing.Error);
            Assert.Contains("NO_SYMBOL@-1", nothing.Error);
        }
        finally
        {
            File.Delete(photo);
            File.Delete(blank);
        }
    }

    /// <summary>A white 64×64 PNG.</summary>
    private static byte[] BlankPng()
    {
        using var bitmap = new SkiaSharp.SKBitmap(64, 64);
        bitmap.Erase(SkiaSharp.SKColors.White);
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private Task<CliRun> Run(params string[] args) => _server.Run(args);

    [GeneratedRegex(@"expect: active \(NMVS_SUCCESS\)\s+HRI: (\S+)")]
    private static partial Regex FirstActiveScan();
}
