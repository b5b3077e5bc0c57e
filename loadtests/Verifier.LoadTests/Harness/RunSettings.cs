namespace Verifier.LoadTests.Harness;

/// <summary>The `run` command's settings (see <see cref="Usage"/>).</summary>
internal sealed class RunSettings
{
    public const string Usage = """
        usage: run --scenario NAME [options] [--Verifier:<key>=<value> ...]
          Runs a scenario after a warm-up and a health-check baseline at the same load, then writes
          report.md, report.html, plots (PNG), summary.json and CSV files to --out.

          --scenario NAME        health | verify | pharmacy | mah | national-day | wholesaler (totes of 50 packs through one bulk stream)
          --mode open|closed     open: iterations at --rate per second, latency from the intended send time (default)
                                 closed: --concurrency workers back to back, to find the maximum throughput
          --rate N               iterations per second in the open model (default 200); a pharmacy iteration is 1-3 RPCs
          --concurrency N        closed-loop workers (default 64)
          --duration S           measured seconds after the ramp-up (default 20)
          --ramp S               seconds to ramp the rate up from 0; not measured (default 3)
          --warmup S             closed-loop warm-up before anything is measured (default 3)
          --baseline S           seconds of health checks at the same load before the scenario; 0: none (default 10)
          --connections N        HTTP/2 connections per target (default 2)
          --timeout S            deadline of each RPC (default 10)
          --target URL[,URL]     external servers, used round-robin (default: the server in-process)
          --db FILE              in-process server: SQLite file (default: a new temporary file)
          --cache MODE           in-process server: None | Embedded | Redis (default Embedded)
          --packs N              packs generated and uploaded first (default: enough for the run)
          --products N           products of the generated set (default 4; 5 batches each)
          --data DIR             instead: sample packs from a `verifier generate` directory the target already holds
          --sample N             packs sampled from --data (default 200000)
          --upload-serials N     serials per MAH batch upload (mah, national-day; default 10000)
          --upload-every S       one MAH upload every S seconds (default 10)
          --out DIR              report folder (default loadtest-results/<scenario>-<time>)
          --slo-p95-ms MS        exit 1 when an RPC kind's p95 is above MS (uploads excepted)
          --slo-p99-ms MS        same for p99
          --slo-error-rate F     exit 1 when more than this fraction of RPCs fail (default 0: any error fails)
        Any --Verifier:<key>=<value> goes to the in-process server unchanged (store provider, cache ...).
        """;

    public required string Scenario { get; init; }
    public bool Closed { get; init; }
    public double Rate { get; init; }
    public int Concurrency { get; init; }
    public double DurationSeconds { get; init; }
    public double RampSeconds { get; init; }
    public double WarmupSeconds { get; init; }
    public double BaselineSeconds { get; init; }
    public int Connections { get; init; }
    public double TimeoutSeconds { get; init; }
    public IReadOnlyList<string> Targets { get; init; } = [];
    public string? Database { get; init; }
    public required string Cache { get; init; }
    public int? Packs { get; init; }
    public int Products { get; init; }
    public string? Data { get; init; }
    public int Sample { get; init; }
    public int UploadSerials { get; init; }
    public double UploadEverySeconds { get; init; }
    public required string Output { get; init; }
    public double? SloP95Ms { get; init; }
    public double? SloP99Ms { get; init; }
    public double SloErrorRate { get; init; }
    public string[] ServerSettings { get; init; } = [];

    public static RunSettings Parse(BenchArguments arguments)
    {
        var scenario = arguments.Text("scenario") ?? throw new ArgumentException("--scenario is required");
        var mode = arguments.Text("mode") ?? "open";
        if (mode is not ("open" or "closed")) throw new ArgumentException("--mode is open or closed");
        return new RunSettings
        {
            Scenario = scenario,
            Closed = mode == "closed",
            Rate = arguments.Decimal("rate", 200),
            Concurrency = (int)arguments.Number("concurrency", 64),
            DurationSeconds = arguments.Decimal("duration", 20),
            RampSeconds = arguments.Decimal("ramp", 3),
            WarmupSeconds = arguments.Decimal("warmup", 3),
            BaselineSeconds = arguments.Decimal("baseline", 10),
            Connections = (int)arguments.Number("connections", 2),
            TimeoutSeconds = arguments.Decimal("timeout", 10),
            Targets = arguments.Text("target")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            Database = arguments.Text("db"),
            Cache = arguments.Text("cache") ?? "Embedded",
            Packs = arguments.Text("packs") is null ? null : (int)arguments.Number("packs", 0),
            Products = (int)arguments.Number("products", 4),
            Data = arguments.Text("data"),
            Sample = (int)arguments.Number("sample", 200_000),
            UploadSerials = (int)arguments.Number("upload-serials", 10_000),
            UploadEverySeconds = arguments.Decimal("upload-every", 10),
            Output = arguments.Text("out") ?? Path.Combine("loadtest-results", $"{scenario}-{DateTime.UtcNow:yyyyMMdd-HHmmss}"),
            SloP95Ms = arguments.Text("slo-p95-ms") is null ? null : arguments.Decimal("slo-p95-ms", 0),
            SloP99Ms = arguments.Text("slo-p99-ms") is null ? null : arguments.Decimal("slo-p99-ms", 0),
            SloErrorRate = arguments.Decimal("slo-error-rate", 0),
            ServerSettings = arguments.ServerSettings,
        };
    }

    /// <summary>Fresh packs for the whole run: every pharmacy iteration may dispense one, warm-up included, plus a margin.</summary>
    public int PacksNeeded()
    {
        var seconds = WarmupSeconds + RampSeconds + DurationSeconds;
        var rate = Closed ? Math.Max(Rate, 2_000) : Rate;
        return Packs ?? (int)Math.Clamp(rate * seconds * 1.1, 5_000, 2_000_000);
    }
}
