namespace Verifier.Cache;

/// <summary>
/// Circuit breaker for the cache connection. After a fault the cache is skipped for a back-off,
/// then exactly one call probes Redis while every other call still skips it; the probe's success
/// closes the breaker. So during an outage requests go straight to SQL instead of each paying a
/// timeout, and a recovering Redis is not hit by a thundering herd.
/// </summary>
internal sealed class OutageBreaker(TimeSpan backOff, Func<long>? clock = null)
{
    private const long Closed = 0;

    private readonly long _backOffMs = Math.Max(1, (long)backOff.TotalMilliseconds);
    private readonly Func<long> _now = clock ?? (() => Environment.TickCount64);

    // Closed, or the tick until which Redis is skipped; one field, so every transition is one CAS.
    private long _openUntil = Closed;

    public bool IsOpen => Volatile.Read(ref _openUntil) != Closed;

    /// <summary>True when this call may use Redis: the breaker is closed, or this call is the probe.</summary>
    public bool TryPass()
    {
        var openUntil = Volatile.Read(ref _openUntil);
        if (openUntil == Closed)
        {
            return true;
        }

        var now = _now();
        if (now < openUntil)
        {
            return false;
        }

        // Re-arming the back-off first makes this caller the only probe until the back-off ends again.
        return Interlocked.CompareExchange(ref _openUntil, now + _backOffMs, openUntil) == openUntil;
    }

    /// <summary>Returns true when this success closed an open breaker (worth one log line).</summary>
    public bool RecordSuccess() =>
        Volatile.Read(ref _openUntil) != Closed && Interlocked.Exchange(ref _openUntil, Closed) != Closed;

    /// <summary>Returns true when this fault opened a closed breaker (worth one log line).</summary>
    public bool RecordFault() => Interlocked.Exchange(ref _openUntil, Math.Max(1, _now() + _backOffMs)) == Closed;
}
