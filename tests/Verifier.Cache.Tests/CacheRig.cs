using StackExchange.Redis;

namespace Verifier.Cache.Tests;

/// <summary>
/// One backend, a cache on it and a plain connection beside it: the cache is what is under test,
/// the plain connection lets a test see what the scripts left in a key (markers, TTL) and call
/// the scripts directly.
/// </summary>
internal sealed class CacheRig : IAsyncDisposable
{
    public static readonly TimeSpan PackTtl = TimeSpan.FromHours(1);

    private readonly ConnectionMultiplexer _plain;
    private readonly List<RedisPackStatusCache> _caches = [];

    private CacheRig(ICacheBackend backend, RedisCacheOptions options, ConnectionMultiplexer plain)
    {
        Backend = backend;
        Options = options;
        _plain = plain;
        Keys = new CacheKeys(options.KeyPrefix);
    }

    public ICacheBackend Backend { get; }

    public RedisCacheOptions Options { get; }

    public CacheKeys Keys { get; }

    public IDatabase Db => _plain.GetDatabase();

    /// <summary>The first cache on the backend; tests that need several instances add more with <see cref="ConnectAsync"/>.</summary>
    public RedisPackStatusCache Cache => _caches[0];

    public static async Task<CacheRig> StartAsync(ICacheBackend backend)
    {
        var rig = new CacheRig(backend, TestOptions(backend), await ConnectionMultiplexer.ConnectAsync(backend.Configuration));
        await rig.ConnectAsync();
        return rig;
    }

    /// <summary>Another instance on the same keys, as a second server sharing the Redis.</summary>
    public async Task<RedisPackStatusCache> ConnectAsync()
    {
        var cache = await RedisPackStatusCache.ConnectAsync(Options);
        _caches.Add(cache);
        return cache;
    }

    public async Task<CachedView?> GetAsync(string code, string batch = Samples.Lot) =>
        (await Cache.LookUpAsync(code, Samples.Serial, batch, default)).View;

    public Task<RedisValue> PackValueAsync(string code) => Db.StringGetAsync(Keys.Pack(code, Samples.Serial));

    public async ValueTask DisposeAsync()
    {
        foreach (var cache in _caches)
        {
            await cache.DisposeAsync();
        }

        await _plain.DisposeAsync();
        await Backend.DisposeAsync();
    }

    private static RedisCacheOptions TestOptions(ICacheBackend backend) => new()
    {
        Configuration = backend.Configuration,
        KeyPrefix = "vf-test:",
        PackTtl = PackTtl,
        // Generous timeouts: a loaded CI machine must not turn a slow answer into a false miss.
        ConnectTimeout = TimeSpan.FromSeconds(5),
        OperationTimeout = TimeSpan.FromSeconds(5),
        BreakerBackOff = TimeSpan.FromMilliseconds(100),
    };
}
