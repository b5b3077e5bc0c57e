using Verifier.Core.Alerts;

namespace Verifier.Core.Packs;

/// <summary>
/// What an operation does: its outcome, the pack's new state (null: unchanged), the alert it
/// raises (null: none) and, for a double scan, how often this location has repeated it.
/// </summary>
/// <param name="InvestigationLock">A lock set by a reported suspicion: only the national operator may lift it.</param>
public sealed record Decision(Outcome Outcome, PackState? NewState, AlertKind? Alert, int RepeatCount = 0, bool InvestigationLock = false)
{
    /// <summary>True when the pack row must be written (state change or double-scan count).</summary>
    public bool ChangesPack => NewState is not null || RepeatCount > 0;
}
