namespace Verifier.Server.Tests.Infrastructure;

/// <summary>A clock the tests move forward to cross the undo window without waiting ten days.</summary>
public sealed class AdjustableClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;

    public void Advance(TimeSpan by) => _offset += by;
}
