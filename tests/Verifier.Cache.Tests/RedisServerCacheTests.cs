using Verifier.Core.Packs;
using Verifier.Testing;

namespace Verifier.Cache.Tests;

/// <summary>The cache contract against a real redis-server (skipped where it is not installed).</summary>
public sealed class RedisServerCacheTests : PackStatusCacheContract
{
    protected override ICacheBackend StartBackend() => new RedisBackend(RedisServerProcess.Start());

    [RedisFact]
    public Task Miss_returns_null() => MissReturnsNull();

    [RedisFact]
    public Task Put_then_get_round_trips() => PutThenGetRoundTrips();

    [RedisFact]
    public Task Pack_under_another_batch_round_trips() => PackUnderAnotherBatchRoundTrips();

    [RedisFact]
    public Task Stale_write_does_not_overwrite() => StaleWriteDoesNotOverwrite();

    [RedisFact]
    public Task Racing_writers_keep_the_newest_version() => RacingWritersKeepTheNewestVersion();

    [RedisFact]
    public Task Recall_and_withdrawal_are_seen_by_next_get() => RecallAndWithdrawalAreSeenByNextGet();

    [RedisFact]
    public Task Pack_keys_carry_ttl() => PackKeysCarryTtl();

    [RedisFact]
    public Task Outage_returns_null_and_breaker_recovers() => OutageReturnsNullAndBreakerRecovers();

    /// <summary>
    /// The coherence rule: a write that cannot reach Redis must not leave the older value readable
    /// once Redis answers again (a hung Redis keeps its data, unlike a restarted one).
    /// </summary>
    [RedisFact]
    public async Task A_lost_write_never_lets_the_older_value_resurface()
    {
        await using var redis = RedisServerProcess.Start();
        await using var cache = await RedisPackStatusCache.ConnectAsync(new RedisCacheOptions
        {
            Configuration = redis.Configuration,
            OperationTimeout = TimeSpan.FromMilliseconds(300),
            BreakerBackOff = TimeSpan.FromMilliseconds(50),
        });
        var code = Samples.NewProductCode();
        var active = Samples.View(code) with { Pack = Samples.Pack(state: PackState.Active, version: 3) };
        await cache.PutViewAsync(active, default);
        Assert.NotNull(await cache.TryGetViewAsync(code, Samples.Serial, Samples.Lot, default));

        redis.Pause();
        await cache.PutViewAsync(active with { Pack = Samples.Pack(state: PackState.Supplied, version: 4) }, default);
        redis.Resume();

        PackView? seen = null;
        for (var attempt = 0; attempt < 100 && !cache.IsAvailable; attempt++) await Task.Delay(50);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            seen = await cache.TryGetViewAsync(code, Samples.Serial, Samples.Lot, default);
            if (cache.IsAvailable) break;
            await Task.Delay(50);
        }
        Assert.Null(seen);
    }
}
