namespace Verifier.LoadTests.Harness;

/// <summary>Everything a run measured; summary.json is this record, and the reports are made from it.</summary>
internal sealed record RunSummary(
    string Scenario, string Description, string Mode, double Rate, int Concurrency, string Target, string Data, string Cache,
    int Cores, DateTime StartedUtc, PhaseSummary? Baseline, PhaseSummary Measured,
    double? ThroughputRatioToHealth, double? CacheHitRate, string CacheHitSource, DecommissionCheck? Decommissions,
    long TransportErrors, IReadOnlyList<string> SloMisses);

/// <summary>One phase's figures; <c>RpcRate</c> counts every RPC that completed in the measured window.</summary>
internal sealed record PhaseSummary(string Phase, double WindowSeconds, double RpcRate, IReadOnlyList<KindSummary> Kinds)
{
    public static PhaseSummary From(Recorder recorder)
    {
        var kinds = recorder.Kinds.Select(k => k.Summary(recorder.MeasuredWindow)).ToList();
        return new PhaseSummary(recorder.Phase, recorder.MeasuredWindow.TotalSeconds, kinds.Where(k => k.Kind != "upload").Sum(k => k.Rate), kinds);
    }
}

/// <summary>
/// Acknowledged decommissions (less acknowledged undos) against the dispensed packs the store
/// gained over the measured phase. Lost is what was acknowledged but is not in the store.
/// A request that timed out may still have committed, so the store may count more, never fewer.
/// </summary>
internal sealed record DecommissionCheck(long Acknowledged, long Undone, long SuppliedBefore, long SuppliedAfter)
{
    public long Counted => SuppliedAfter - SuppliedBefore;
    public long Lost => Math.Max(0, Acknowledged - Undone - Counted);
}
