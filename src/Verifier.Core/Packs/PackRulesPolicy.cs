namespace Verifier.Core.Packs;

/// <summary>The tunable parts of the rules; the defaults are the legal and national ones.</summary>
public sealed record PackRulesPolicy
{
    /// <summary>DR Art 13(2): an undo must come within ten days of the decommissioning.</summary>
    public TimeSpan UndoWindow { get; init; } = TimeSpan.FromDays(10);

    /// <summary>National systems tolerate a few repeats of the same scan by the same location.</summary>
    public TimeSpan DoubleScanWindow { get; init; } = TimeSpan.FromMinutes(30);

    public int DoubleScanTolerance { get; init; } = 3;

    /// <summary>
    /// DR Art 29: an operation performed while the system was unreachable is sent "as soon as" it is
    /// back, with the time it was performed. Five days covers a long weekend's outage with margin and
    /// still leaves half of the ten-day undo window after the replay (the window runs from the performed time).
    /// </summary>
    public TimeSpan MaxDeferral { get; init; } = TimeSpan.FromDays(5);

    /// <summary>How far a terminal's clock may run ahead of ours: a performed time up to this far in the future is taken as now.</summary>
    public TimeSpan ClockSkewTolerance { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Expiry is a calendar date in the market: a pack expiring on the 15th may not be supplied at
    /// 00:30 local time on the 16th, whatever the UTC date says.
    /// </summary>
    public TimeZoneInfo MarketTimeZone { get; init; } = TimeZoneInfo.Utc;
}
