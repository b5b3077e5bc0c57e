using System.Diagnostics;

namespace Verifier.Cache;

/// <summary>
/// A marker placed on one cache key before a change to what that key holds is committed. While any
/// marker is on a key, readers miss and fills are refused, so neither a crash after the commit nor
/// a fill that read SQL before it can leave an older value readable. The writer removes its
/// marker when it publishes the committed value; an abandoned marker expires with the key.
/// <para>
/// <see cref="Covers"/> is asked inside the commit's transaction: only a marker that Redis
/// confirmed, and that will outlive the commit by more than the age limit of any cache write, lets
/// the change commit without advancing the cache epoch.
/// </para>
/// </summary>
public sealed class CacheMark
{
    /// <summary>No cache at all (mode None): nothing can go stale, every change is covered.</summary>
    public static readonly CacheMark NoCache = new(null, "", confirmed: true, coversUntil: long.MaxValue);

    internal CacheMark(string? key, string token, bool confirmed, long coversUntil)
    {
        Key = key;
        Token = token;
        Confirmed = confirmed;
        CoversUntil = coversUntil;
    }

    internal string? Key { get; }

    internal string Token { get; }

    /// <summary>Redis answered the marker write.</summary>
    public bool Confirmed { get; }

    /// <summary>Stopwatch timestamp after which the marker no longer covers a commit.</summary>
    internal long CoversUntil { get; }

    /// <summary>True while a change may commit without advancing the cache epoch.</summary>
    public bool Covers() => Confirmed && Stopwatch.GetTimestamp() < CoversUntil;

    internal static CacheMark Unconfirmed(string key, string token) => new(key, token, confirmed: false, coversUntil: 0);
}
