namespace Verifier.Cache.Tests;

/// <summary>The cache contract against the embedded Garnet the server uses by default.</summary>
public sealed class GarnetCacheTests : PackStatusCacheContract
{
    protected override ICacheBackend StartBackend() => new GarnetBackend();

    [Fact]
    public Task Miss_returns_null() => MissReturnsNull();

    [Fact]
    public Task Put_then_get_round_trips() => PutThenGetRoundTrips();

    [Fact]
    public Task Pack_under_another_batch_round_trips() => PackUnderAnotherBatchRoundTrips();

    [Fact]
    public Task Stale_write_does_not_overwrite() => StaleWriteDoesNotOverwrite();

    [Fact]
    public Task Racing_writers_keep_the_newest_version() => RacingWritersKeepTheNewestVersion();

    [Fact]
    public Task Recall_and_withdrawal_are_seen_by_next_get() => RecallAndWithdrawalAreSeenByNextGet();

    [Fact]
    public Task Pack_keys_carry_ttl() => PackKeysCarryTtl();

    [Fact]
    public Task Outage_returns_null_and_breaker_recovers() => OutageReturnsNullAndBreakerRecovers();
}
