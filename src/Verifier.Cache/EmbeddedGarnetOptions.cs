namespace Verifier.Cache;

/// <summary>Settings of the in-process Garnet used when no external Redis is configured.</summary>
public sealed class EmbeddedGarnetOptions
{
    /// <summary>Loopback port to listen on; 0 picks a free one (see <see cref="EmbeddedGarnetServer.Port"/>).</summary>
    public int Port { get; set; }

    /// <summary>
    /// Memory for records. Garnet runs without a storage tier, so when this fills the oldest
    /// records are dropped: the same bounded-memory behaviour as Redis with allkeys-lru.
    /// </summary>
    public long MemoryBytes { get; set; } = 256L << 20;

    /// <summary>Hash index size (rounded down to a power of two); ~64 bytes per 7 keys before overflow buckets.</summary>
    public long IndexBytes { get; set; } = 32L << 20;
}
