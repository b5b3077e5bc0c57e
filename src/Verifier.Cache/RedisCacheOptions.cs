using StackExchange.Redis;

namespace Verifier.Cache;

/// <summary>How <see cref="RedisPackStatusCache"/> reaches Redis and how long entries live.</summary>
public sealed class RedisCacheOptions
{
    /// <summary>A StackExchange.Redis configuration string, e.g. <c>"redis1:6379,redis2:6379,password=..."</c>.</summary>
    public string Configuration { get; set; } = "127.0.0.1:6379";

    /// <summary>Prefix of every key; change it (e.g. to <c>"vf3:"</c>) when the value encoding changes.</summary>
    public string KeyPrefix { get; set; } = "vf2:";

    /// <summary>
    /// How long a marker lives unless its writer publishes first (it expires with the whole key).
    /// A marker covers a commit only until <see cref="MarkTtl"/> minus <see cref="MaxWriteAge"/>
    /// minus a safety margin after it was sent (docs/cache-coherence.md), so this bounds how long a
    /// change may take between marking and committing before it advances the epoch instead.
    /// </summary>
    public TimeSpan MarkTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A value read from SQL is sent to the cache only this soon after the read began; an older one
    /// is dropped (the next read refills it). Together with <see cref="MarkTtl"/> this is what keeps
    /// a slow writer from landing a value after the marker that would have refused it expired.
    /// </summary>
    public TimeSpan MaxWriteAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Pack keys are the bulk of the data (billions of packs); the TTL bounds memory to the hot set.</summary>
    public TimeSpan PackTtl { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Products are few (tens of thousands) and read by every scan, so they live longer.</summary>
    public TimeSpan ProductTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Batches are shared by many packs, so they live longer than pack keys.</summary>
    public TimeSpan BatchTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Short, so a starting server never waits long for an absent Redis.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Per-command timeout. Well below the 300 ms answer budget of DR Art 35, because a slow cache
    /// is worse than none: SQL is always there to answer.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>After a fault, Redis is skipped this long so an outage costs nothing per request.</summary>
    public TimeSpan BreakerBackOff { get; set; } = TimeSpan.FromSeconds(2);

    internal ConfigurationOptions ToConfiguration()
    {
        var configuration = ConfigurationOptions.Parse(Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = Milliseconds(ConnectTimeout);
        configuration.SyncTimeout = Milliseconds(OperationTimeout);
        configuration.AsyncTimeout = Milliseconds(OperationTimeout);
        // Without this, commands issued while disconnected queue in the backlog until they time out;
        // failing at once is what lets the breaker open without every request paying the timeout.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName ??= "verifier-cache";
        return configuration;
    }

    private static int Milliseconds(TimeSpan span) => (int)Math.Clamp(span.TotalMilliseconds, 1, int.MaxValue);
}
