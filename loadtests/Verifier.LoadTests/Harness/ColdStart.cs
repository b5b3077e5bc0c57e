using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Verifier.LoadTests.Harness;

/// <summary>
/// cold-start: the server in a new process on a prepared store; the moment it reports SERVING,
/// a burst of concurrent verifies. A load balancer sends traffic exactly then, so the burst's
/// worst latency is what the first customers of a fresh instance see.
/// </summary>
internal static class ColdStart
{
    public const string Usage = """
        usage: cold-start [--burst 256] [--packs 20000] [--cache Embedded] [--server PATH] [--target-ms 1000] [--Verifier:<key>=<value> ...]
          Prepares a SQLite store (in this process), starts the server from PATH (default: the
          Verifier.Server next to this harness) on a free loopback port, polls the gRPC health service
          until SERVING, then sends --burst concurrent verifies of known packs and prints their latency;
          a second burst 2 s later shows the warm figure. Exit 1 when the first burst's max exceeds --target-ms.
        """;

    public static async Task<int> RunAsync(BenchArguments arguments, TextWriter log)
    {
        if (arguments.Help)
        {
            Console.WriteLine(Usage);
            return 0;
        }
        var burst = (int)arguments.Number("burst", 256);
        var cache = arguments.Text("cache") ?? "Embedded";
        var targetMs = arguments.Decimal("target-ms", 1000);
        var serverPath = arguments.Text("server") ?? Path.Combine(AppContext.BaseDirectory, "Verifier.Server");
        var database = Path.Combine(Path.GetTempPath(), $"verifier-cold-start-{Guid.NewGuid():N}.db");

        PackPool pool;
        await using (var prepare = await InProcessServer.StartAsync(database, cache, arguments.ServerSettings))
        {
            using var prepareTargets = new Targets([prepare.Address], 1);
            await RunCommand.WaitUntilServingAsync(prepareTargets, log);
            pool = await PackPool.GenerateAndUploadAsync(prepareTargets, (int)arguments.Number("packs", 20_000), 4, 5, log);
            // The harness's own code paths are compiled now, so the burst measures the new server only.
            await BurstAsync(prepareTargets, pool, 64);
        }

        var port = FreePort();
        var start = new ProcessStartInfo(serverPath)
        {
            ArgumentList =
            {
                "--urls", $"http://127.0.0.1:{port}", "--db", database, "--cache", cache, "--demo",
                "--Logging:LogLevel:Default=Warning", "--rest-url=", "--Verifier:RateLimit:PermitsPerSecond=1000000", "--Verifier:RateLimit:Burst=1000000",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var setting in arguments.ServerSettings) start.ArgumentList.Add(setting);
        using var server = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {serverPath}");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            var started = Stopwatch.GetTimestamp();
            using var targets = new Targets([$"http://127.0.0.1:{port}"], 4);
            await RunCommand.WaitUntilServingAsync(targets, log);
            var ready = Stopwatch.GetElapsedTime(started);
            var cold = await BurstAsync(targets, pool, burst);
            await Task.Delay(TimeSpan.FromSeconds(2));
            var warm = await BurstAsync(targets, pool, burst);
            log.WriteLine($"cold start: SERVING {ready.TotalSeconds:F2} s after the process started ({cache} cache)");
            log.WriteLine($"first burst of {burst} verifies: {Describe(cold)}");
            log.WriteLine($"burst 2 s later:          {Describe(warm)}");
            var max = cold.Verify.Max;
            log.WriteLine(max <= targetMs && cold.Errors == 0 ? $"met: max {max:F0} ms ≤ {targetMs} ms" : $"missed: max {max:F0} ms, target {targetMs} ms, errors {cold.Errors}");
            return max <= targetMs && cold.Errors == 0 ? 0 : 1;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task<(KindSummary Verify, int Errors)> BurstAsync(Targets targets, PackPool pool, int size)
    {
        var recorder = new Recorder("burst", 0);
        var calls = new Calls(targets, () => recorder, TimeSpan.FromSeconds(30));
        var start = Stopwatch.GetTimestamp();
        var answers = await Task.WhenAll(Enumerable.Range(0, size).Select(_ => Task.Run(() => calls.VerifyAsync("demo-pharmacy-berlin", pool.AnyKnown(), start))));
        return (recorder.Figures("verify").Summary(TimeSpan.Zero), answers.Count(a => a is null));
    }

    private static string Describe((KindSummary Verify, int Errors) burst) =>
        $"p50 {burst.Verify.P50:F0} ms, p99 {burst.Verify.P99:F0} ms, max {burst.Verify.Max:F0} ms, errors {burst.Errors}";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
