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
}
