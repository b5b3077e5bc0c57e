namespace Verifier.Cache;

/// <summary>
/// Set-if-newer on ONE key, as a Lua script so that read-compare-write is atomic: a writer holding
/// an older version (a slow request that read SQL before a recall or a dispense committed) can
/// never overwrite the newer state another writer already cached. One key per script keeps it
/// valid on Redis Cluster. Runs unchanged on Redis and on Garnet (with Lua transaction mode on,
/// which is what makes Garnet run it atomically).
/// KEYS[1] = key; ARGV[1] = incoming version; ARGV[2] = encoded value (version first, see
/// <see cref="CacheEncoding"/>); ARGV[3] = TTL in ms. Versions compare as Lua numbers, exact up
/// to 2^53, far beyond any row version. '\31' is the 0x1F separator.
/// </summary>
internal static class VersionedWrite
{
    public const int Written = 1;
    public const int KeptNewer = 0;
    public const int Refreshed = 2;

    public const string Script = """
        local current = redis.call('GET', KEYS[1])
        if current then
          local separator = string.find(current, '\31', 1, true)
          local stored = separator and tonumber(string.sub(current, 1, separator - 1))
          local incoming = tonumber(ARGV[1])
          if stored and stored > incoming then
            return 0
          end
          if stored and stored == incoming then
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 2
          end
        end
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        return 1
        """;
}
