using System.Diagnostics.Metrics;

namespace Verifier.LoadTests.Harness;

/// <summary>
/// The server's own cache counters (meter "Verifier": verifier.cache.hits per verifier.pack.operations),
/// readable only when the server runs in this process; for external servers the report estimates.
/// </summary>
internal sealed class CacheHitMeter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _hits;
    private long _operations;

    public CacheHitMeter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Verifier" && instrument.Name is "verifier.cache.hits" or "verifier.pack.operations") listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "verifier.cache.hits") Interlocked.Add(ref _hits, value);
            else Interlocked.Add(ref _operations, value);
        });
        _listener.Start();
    }

    /// <summary>Hits per pack operation since the last call, or null when the server is not in this process.</summary>
    public double? TakeRate()
    {
        var hits = Interlocked.Exchange(ref _hits, 0);
        var operations = Interlocked.Exchange(ref _operations, 0);
        return operations == 0 ? null : (double)hits / operations;
    }

    public void Dispose() => _listener.Dispose();
}
