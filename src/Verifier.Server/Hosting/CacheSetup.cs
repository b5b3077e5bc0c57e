using Verifier.Cache;

namespace Verifier.Server.Hosting;

/// <summary>Chooses the cache: embedded Garnet (default), an external Redis, or none.</summary>
internal static class CacheSetup
{
    public static void Add(IServiceCollection services, CacheOptions cache)
    {
        // Wired to Redis/Garnet once the cache layer lands.
        services.AddSingleton<IPackStatusCache, DisabledPackStatusCache>();
    }
}
