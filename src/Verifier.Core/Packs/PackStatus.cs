namespace Verifier.Core.Packs;

/// <summary>A pack's status as answered: active or not, its own state, and the reason.</summary>
public sealed record PackStatus(bool Active, PackState? State, InactiveReason? Reason)
{
    public static readonly PackStatus Unknown = new(false, null, null);
}
