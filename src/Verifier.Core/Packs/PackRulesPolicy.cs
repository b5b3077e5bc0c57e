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
    /// Expiry is a calendar date in the market: a pack expiring on the 15th may not be supplied at
    /// 00:30 local time on the 16th, whatever the UTC date says.
    /// </summary>
    public TimeZoneInfo MarketTimeZone { get; init; } = TimeZoneInfo.Utc;
}
