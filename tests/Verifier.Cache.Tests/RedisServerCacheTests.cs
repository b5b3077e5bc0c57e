using System.Diagnostics;
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
    public Task Put_then_get_round_trips_with_its_epoch() => PutThenGetRoundTripsWithItsEpoch();

    [RedisFact]
    public Task Parts_of_different_epochs_miss() => PartsOfDifferentEpochsMiss();

    [RedisFact]
    public Task Pack_under_another_batch_round_trips() => PackUnderAnotherBatchRoundTrips();

    [RedisFact]
    public Task Recall_and_withdrawal_are_seen_by_next_get() => RecallAndWithdrawalAreSeenByNextGet();

    [RedisFact]
    public Task Pack_keys_carry_ttl() => PackKeysCarryTtl();

    [RedisFact]
    public Task Older_version_is_refused() => OlderVersionIsRefused();

    [RedisFact]
    public Task Same_version_from_a_later_epoch_replaces() => SameVersionFromALaterEpochReplaces();

    [RedisFact]
    public Task Same_version_and_epoch_refreshes_ttl() => SameVersionAndEpochRefreshesTtl();

    [RedisFact]
    public Task A_fill_writes_only_what_the_lookup_found_missing_or_outdated() => FillWritesOnlyWhatTheLookupFoundMissingOrOutdated();

    [RedisFact]
    public Task Racing_writers_keep_the_newest_version() => RacingWritersKeepTheNewestVersion();

    [RedisFact]
    public Task Marked_key_misses_and_refuses_fills() => MarkedKeyMissesAndRefusesFills();

    [RedisFact]
    public Task Key_stays_hidden_until_every_marker_is_published() => KeyStaysHiddenUntilEveryMarkerIsPublished();

    [RedisFact]
    public Task Release_without_payload_deletes_the_marked_key() => ReleaseWithoutPayloadDeletesTheMarkedKey();

    [RedisFact]
    public Task Release_leaves_other_markers() => ReleaseLeavesOtherMarkers();

    [RedisFact]
    public Task Marker_expires_with_the_key() => MarkerExpiresWithTheKey();

    [RedisFact]
    public Task Confirmed_mark_covers_for_its_window() => ConfirmedMarkCoversForItsWindow();

    [RedisFact]
    public Task Write_older_than_max_write_age_is_not_sent() => WriteOlderThanMaxWriteAgeIsNotSent();

    [RedisFact]
    public Task Outage_misses_and_breaker_recovers() => OutageMissesAndBreakerRecovers();

    /// <summary>
    /// A hung Redis keeps its data and the write it was sent, and may apply that write at any later
    /// time: the write is reported Unconfirmed so the caller advances the epoch, and what it leaves
    /// behind carries the old epoch, which the store no longer trusts and the next fill replaces.
    /// </summary>
    [RedisFact]
    public async Task A_lost_write_is_reported_and_outdone_by_the_next_epoch()
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
        var supplied = active with { Pack = Samples.Pack(state: PackState.Supplied, version: 4) };
        await cache.PutViewAsync(active, 1, Stopwatch.GetTimestamp());

        redis.Pause();
        Assert.Equal(CacheWrite.Unconfirmed, await cache.PutViewAsync(supplied, 1, Stopwatch.GetTimestamp()));
        redis.Resume();

        CachedView? seen = null;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            seen = (await cache.LookUpAsync(code, Samples.Serial, Samples.Lot, default)).View;
            if (cache.IsAvailable) break;
            await Task.Delay(50);
        }

        Assert.True(cache.IsAvailable);
        Assert.True(seen is null || seen.Epoch == 1, $"read {seen} after the lost write");

        await cache.PutViewAsync(supplied, 2, Stopwatch.GetTimestamp());
        Assert.Equal(new CachedView(supplied, 2), (await cache.LookUpAsync(code, Samples.Serial, Samples.Lot, default)).View);
    }
}
