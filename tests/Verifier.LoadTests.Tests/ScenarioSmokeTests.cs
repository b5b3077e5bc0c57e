using System.Text.Json;
using Verifier.LoadTests;
using Verifier.LoadTests.Harness;

namespace Verifier.LoadTests.Tests;

/// <summary>
/// Every scenario for a few seconds, in-process, at a low rate and on small data: the reports are
/// written and every RPC was answered. Timings are never asserted (CI shares its cores).
/// </summary>
public sealed class ScenarioSmokeTests
{
    [Theory]
    [InlineData("health", 40)]
    [InlineData("verify", 40)]
    [InlineData("pharmacy", 40)]
    [InlineData("mah", 40)]
    [InlineData("national-day", 40)]
    [InlineData("wholesaler", 2)] // totes of 50 packs each
    public async Task Scenario_runs_and_writes_its_reports(string scenario, int rate)
    {
        var output = Path.Combine(Path.GetTempPath(), $"verifier-loadtest-smoke-{scenario}-{Guid.NewGuid():N}");
        var log = new StringWriter();
        try
        {
            // The default SLO fails the run on any RPC without an answer, and on a lost decommission.
            var exit = await RunCommand.RunAsync(new BenchArguments(
            [
                "run", "--scenario", scenario, "--rate", rate.ToString(System.Globalization.CultureInfo.InvariantCulture), "--duration", "3", "--ramp", "1", "--warmup", "1", "--baseline", "1",
                "--concurrency", "4", "--packs", "2000", "--upload-serials", "2000", "--upload-every", "1", "--out", output,
            ]), log);

            Assert.True(exit == 0, log.ToString());
            foreach (var file in new[] { "report.md", "report.html", "summary.json", "timeseries.csv", "percentiles.csv", "outcomes.csv",
                         Plots.LatencyOverTime, Plots.Distribution, Plots.Throughput, Plots.Outcomes })
            {
                Assert.True(new FileInfo(Path.Combine(output, file)) is { Exists: true, Length: > 0 }, $"{file} missing\n{log}");
            }
            using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "summary.json")));
            Assert.Equal(0, summary.RootElement.GetProperty("TransportErrors").GetInt64());
            Assert.True(summary.RootElement.GetProperty("Measured").GetProperty("Kinds").GetArrayLength() > 0);
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }
}
