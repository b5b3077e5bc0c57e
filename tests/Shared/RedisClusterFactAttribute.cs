namespace Verifier.Testing;

/// <summary>A fact that needs redis-server and redis-cli to form a local Redis Cluster; skipped, with the reason, without them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RedisClusterFactAttribute : FactAttribute
{
    public RedisClusterFactAttribute()
    {
        if (RedisClusterProcess.MissingPrerequisite() is { } missing)
        {
            Skip = missing + "; Redis Cluster tests skipped";
        }
    }
}
