namespace Verifier.LoadTests.Harness;

/// <summary>
/// Decommissions and undos the service acknowledged during the measured scenario, to compare with
/// the dispensed packs counted in the store afterwards: an acknowledged change must never be lost.
/// </summary>
internal sealed class Ledger
{
    private long _decommissioned;
    private long _undone;

    public bool Counting { get; set; }
    public long Decommissioned => Interlocked.Read(ref _decommissioned);
    public long Undone => Interlocked.Read(ref _undone);

    public void Decommission()
    {
        if (Counting) Interlocked.Increment(ref _decommissioned);
    }

    public void Undo()
    {
        if (Counting) Interlocked.Increment(ref _undone);
    }
}
