using System.Diagnostics.Metrics;
using Verifier.Core.Packs;

namespace Verifier.Server.Observability;

/// <summary>
/// Counters per operation and outcome, on the "Verifier" meter (dotnet-counters, OpenTelemetry).
/// The cache counters show how often the cache answered and how often SQL overruled it.
/// </summary>
internal sealed class VerifierMetrics : IDisposable
{
    public const string MeterName = "Verifier";

    private readonly Meter _meter;
    private readonly Counter<long> _operations;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheStale;
    private readonly Counter<long> _epochAdvances;

    public VerifierMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _operations = _meter.CreateCounter<long>("verifier.pack.operations", description: "Pack operations by operation and outcome");
        _refusals = _meter.CreateCounter<long>("verifier.pack.refusals", description: "Pack requests refused before reaching a pack, by status");
        _cacheHits = _meter.CreateCounter<long>("verifier.cache.hits", description: "Status checks that found their pack view in the cache");
        _cacheStale = _meter.CreateCounter<long>("verifier.cache.stale", description: "Status checks whose cached view SQL found out of date");
        _epochAdvances = _meter.CreateCounter<long>(
            "verifier.cache.epoch_advances", description: "Cache epochs advanced by this instance after a cache write went unanswered");
    }

    public void Record(string operation, Outcome outcome, bool cacheHit, bool stale, bool replayed)
    {
        _operations.Add(1, new("operation", operation), new("outcome", outcome.NationalCode()), new("replayed", replayed));
        if (cacheHit) _cacheHits.Add(1);
        if (stale) _cacheStale.Add(1);
    }

    public void RecordEpochAdvance() => _epochAdvances.Add(1);

    public void RecordRefusal(string operation, string status) =>
        _refusals.Add(1, new("operation", operation), new("status", status));

    public void Dispose() => _meter.Dispose();
}
