namespace Verifier.Testing;

/// <summary>
/// A fact that needs a local redis-server binary. xunit 2 has no dynamic skip, so the skip reason
/// is decided when the attribute is constructed (the StackExchange.Redis test-suite approach).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServerProcess.Locate() is null)
        {
            Skip = "redis-server is not installed (apt-get install redis-server); Redis integration tests skipped";
        }
    }
}
