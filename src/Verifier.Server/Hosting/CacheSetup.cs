using Verifier.Cache;

namespace Verifier.Server.Hosting;

/// <summary>
/// Chooses the cache: embedded Garnet (default), an external Redis, or none. Embedded and Redis
/// share <see cref="RedisPackStatusCache"/>, so the default run exercises production's code path.
/// </summary>
internal static class CacheSetup
{
    public static void Add(IServiceCollection services, CacheOptions cache)
    {
        switch (cache.Mode.ToLowerInvariant())
        {
            case "none":
                services.AddSingleton<IPackStatusCache, DisabledPackStatusCache>();
                break;
            case "embedded":
                services.AddSingleton(_ => EmbeddedGarnetServer.Start(new EmbeddedGarnetOptions
                {
                    Port = cache.EmbeddedPort,
                    MemoryBytes = (long)cache.EmbeddedMemoryMegabytes << 20,
                }));
                services.AddSingleton<IPackStatusCache>(provider => Connect(provider, cache, provider.GetRequiredService<EmbeddedGarnetServer>().Configuration));
                break;
            case "redis":
                if (string.IsNullOrWhiteSpace(cache.Redis))
                {
                    throw new InvalidOperationException("Cache mode Redis needs Verifier:Cache:Redis (or --redis host:port).");
                }
                services.AddSingleton<IPackStatusCache>(provider => Connect(provider, cache, cache.Redis));
                break;
            default:
                throw new InvalidOperationException($"Unknown cache mode '{cache.Mode}': use Embedded, Redis or None.");
        }
    }

    private static RedisPackStatusCache Connect(IServiceProvider provider, CacheOptions cache, string configuration) =>
        RedisPackStatusCache.ConnectAsync(
                new RedisCacheOptions { Configuration = configuration, PackTtl = cache.PackTtl, OperationTimeout = cache.OperationTimeout },
                provider.GetRequiredService<ILogger<RedisPackStatusCache>>())
            .GetAwaiter().GetResult();
}
