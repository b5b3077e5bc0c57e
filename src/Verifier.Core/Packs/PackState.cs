namespace Verifier.Core.Packs;

/// <summary>The state a pack itself is in (DR Art 12, 25). Numbering matches the wire enum.</summary>
public enum PackState
{
    Active = 1,
    Supplied = 2,
    Exported = 3,
    Destroyed = 4,
    Sample = 5,
    FreeSample = 6,
    Locked = 7,
    Stolen = 8,
    CheckedOut = 9,
}

/// <summary>Why a pack is decommissioned; each reason sets the pack state of the same name.</summary>
public enum DecommissionReason
{
    Supplied = PackState.Supplied,
    Exported = PackState.Exported,
    Destroyed = PackState.Destroyed,
    Sample = PackState.Sample,
    FreeSample = PackState.FreeSample,
    Locked = PackState.Locked,
    Stolen = PackState.Stolen,
    CheckedOut = PackState.CheckedOut,
}

/// <summary>Why a pack is not active: its own state, or one inherited from its batch or product.</summary>
public enum InactiveReason
{
    None = 1,
    Supplied = 2,
    Exported = 3,
    Destroyed = 4,
    Sample = 5,
    FreeSample = 6,
    Locked = 7,
    Stolen = 8,
    CheckedOut = 9,
    Expired = 10,
    Recalled = 11,
    Withdrawn = 12,
}

public static class PackStateFacts
{
    public static PackState ToState(this DecommissionReason reason) => (PackState)(int)reason;

    /// <summary>Destroyed and stolen packs can never return to the market (DR Art 13(1)).</summary>
    public static bool IsIrreversible(this PackState state) => state is PackState.Destroyed or PackState.Stolen;

    public static string Name(this DecommissionReason reason) => reason switch
    {
        DecommissionReason.Supplied => "supplied",
        DecommissionReason.Exported => "exported",
        DecommissionReason.Destroyed => "destroyed",
        DecommissionReason.Sample => "sample",
        DecommissionReason.FreeSample => "free-sample",
        DecommissionReason.Locked => "locked",
        DecommissionReason.Stolen => "stolen",
        DecommissionReason.CheckedOut => "checked-out",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
