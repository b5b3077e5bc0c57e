using System.Collections.Concurrent;
using Verifier.Core.Packs;

namespace Verifier.LoadTests.Harness;

/// <summary>One stream of work in a scenario: an iteration started at <c>Rate</c> per second (open model) or by closed-loop workers.</summary>
internal sealed record Workload(string Name, double Rate, Func<long, Task> Iteration);

/// <summary>A background job that runs beside the paced workloads, such as a MAH's batch uploads.</summary>
internal sealed record BackgroundJob(string Name, Func<CancellationToken, Task> RunAsync);

internal sealed record Scenario(string Name, string Description, IReadOnlyList<Workload> Workloads, IReadOnlyList<BackgroundJob> Background);

/// <summary>The scenarios, built from real use of the service.</summary>
internal static class Scenarios
{
    public static readonly string[] Names = ["health", "verify", "pharmacy", "mah", "national-day", "wholesaler"];

    private static readonly string[] Pharmacies = ["demo-pharmacy-berlin", "demo-pharmacy-munich"];

    private const string Wholesaler = "demo-wholesaler-north";

    /// <summary>A tote of returns: tens of packs scanned at a packing station (DR Art 20).</summary>
    private const int ToteSize = 50;

    public static Scenario Create(string name, RunSettings settings, Calls calls, PackPool pool, Ledger ledger)
    {
        var pharmacy = new PharmacyMix(calls, pool, ledger);
        return name switch
        {
            "health" => new Scenario(name, "gRPC health check only: what gRPC alone does on this machine", [new Workload("health", settings.Rate, due => calls.HealthAsync(due))], []),
            "verify" => new Scenario(name, "status checks of known packs (no state change)",
                [new Workload("verify", settings.Rate, due => calls.VerifyAsync(AnyPharmacy(), pool.AnyKnown(), due))], []),
            "pharmacy" => new Scenario(name, PharmacyMix.Description, [new Workload("pharmacy", settings.Rate, pharmacy.RunAsync)], []),
            "mah" => new Scenario(name, $"pharmacy mix while a MAH uploads a batch of {settings.UploadSerials:N0} serials every {settings.UploadEverySeconds} s",
                [new Workload("pharmacy", settings.Rate, pharmacy.RunAsync)], [Uploads(settings, calls, pool)]),
            "national-day" => new Scenario(name,
                $"80 % pharmacy mix, 20 % status checks (hospital wards, stock), a MAH batch of {settings.UploadSerials:N0} serials every {settings.UploadEverySeconds} s",
                [
                    new Workload("pharmacy", settings.Rate * 0.8, pharmacy.RunAsync),
                    new Workload("verify", settings.Rate * 0.2, due => calls.VerifyAsync("demo-hospital-hamburg", pool.AnyKnown(), due)),
                ],
                [Uploads(settings, calls, pool)]),
            "wholesaler" => new Scenario(name, $"a wholesaler verifies totes of {ToteSize} returned packs, each through one BulkService stream (rate = totes/s)",
                [new Workload("tote", settings.Rate, due => calls.ToteAsync(Wholesaler, Enumerable.Range(0, ToteSize).Select(_ => pool.AnyKnown()).ToList(), due))],
                []),
            _ => throw new ArgumentException(Unavailable(name)),
        };
    }

    /// <summary>Why a scenario cannot run, or null when it can.</summary>
    public static string? Unavailable(string name) => name switch
    {
        _ when Names.Contains(name) => null,
        _ => $"unknown scenario '{name}'; one of: {string.Join(", ", Names)}",
    };

    private static string AnyPharmacy() => Pharmacies[Random.Shared.Next(Pharmacies.Length)];

    /// <summary>Uploads one after another, one every <c>UploadEverySeconds</c> (or back to back when slower).</summary>
    private static BackgroundJob Uploads(RunSettings settings, Calls calls, PackPool pool) => new("mah-uploads", async stop =>
    {
        var product = pool.AnyKnown().ProductCode;
        while (!stop.IsCancellationRequested)
        {
            var due = System.Diagnostics.Stopwatch.GetTimestamp();
            await calls.UploadAsync(product, settings.UploadSerials, due);
            var rest = TimeSpan.FromSeconds(settings.UploadEverySeconds) - System.Diagnostics.Stopwatch.GetElapsedTime(due);
            if (rest > TimeSpan.Zero) await Task.Delay(rest, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    });

    /// <summary>
    /// A pharmacy's counter: mostly verify then dispense a fresh pack; some undos (a returned
    /// pack), double scans of a pack just dispensed, unknown serials, expiry mismatches and stock checks.
    /// </summary>
    private sealed class PharmacyMix(Calls calls, PackPool pool, Ledger ledger)
    {
        public const string Description =
            "pharmacy: 75 % verify + dispense, 5 % verify + dispense + undo, 5 % double scan, 5 % unknown serial, 5 % expiry mismatch, 5 % stock check";

        private readonly ConcurrentQueue<(ScannedPack Pack, string Key)> _dispensed = new();

        public async Task RunAsync(long due)
        {
            var roll = Random.Shared.NextDouble();
            var key = AnyPharmacy();
            if (roll < 0.05)
            {
                var known = pool.AnyKnown();
                await calls.VerifyAsync(key, known with { SerialNumber = "X" + Guid.NewGuid().ToString("N")[..15].ToUpperInvariant() }, due);
                return;
            }
            if (roll < 0.10)
            {
                await calls.VerifyAsync(key, pool.AnyKnown() with { Expiry = "291130" }, due);
                return;
            }
            if (roll < 0.15 && _dispensed.TryDequeue(out var again))
            {
                await calls.DecommissionAsync(again.Key, again.Pack, due);
                return;
            }
            var fresh = roll < 0.20 ? null : pool.TakeFresh();
            if (fresh is null)
            {
                // A stock check, and also what is left once the fresh packs are used up.
                await calls.VerifyAsync(key, pool.AnyKnown(), due);
                return;
            }
            if (await calls.VerifyAsync(key, fresh, due) is null) return;
            var decommissioned = await calls.DecommissionAsync(key, fresh, System.Diagnostics.Stopwatch.GetTimestamp());
            if (decommissioned != "Success") return;
            ledger.Decommission();
            if (roll < 0.25)
            {
                if (await calls.UndoAsync(key, fresh, System.Diagnostics.Stopwatch.GetTimestamp()) == "Success") ledger.Undo();
            }
            else if (_dispensed.Count < 10_000)
            {
                _dispensed.Enqueue((fresh, key));
            }
        }
    }
}
