namespace Verifier.Cache.Tests;

/// <summary>The cache contract against the embedded Garnet the server uses by default.</summary>
public sealed class GarnetCacheTests : PackStatusCacheContract
{
    protected override ICacheBackend StartBackend() => new GarnetBackend();

    [Fact]
    public Task Miss_returns_null() => MissReturnsNull();

    [Fact]
    public Task Put_then_get_round_trips_with_its_epoch() => PutThenGetRoundTripsWithItsEpoch();

    [Fact]
    public Task Parts_of_different_epochs_miss() => PartsOfDifferentEpochsMiss();

    [Fact]
    public Task Pack_under_another_batch_round_trips() => PackUnderAnotherBatchRoundTrips();

    [Fact]
    public Task Recall_and_withdrawal_are_seen_by_next_get() => RecallAndWithdrawalAreSeenByNextGet();

    [Fact]
    public Task Pack_keys_carry_ttl() => PackKeysCarryTtl();

    [Fact]
    public Task Older_version_is_refused() => OlderVersionIsRefused();

    [Fact]
    public Task Same_version_from_a_later_epoch_replaces() => SameVersionFromALaterEpochReplaces();

    [Fact]
    public Task Same_version_and_epoch_refreshes_ttl() => SameVersionAndEpochRefreshesTtl();

    [Fact]
    public Task A_fill_writes_only_what_the_lookup_found_missing_or_outdated() => FillWritesOnlyWhatTheLookupFoundMissingOrOutdated();

    [Fact]
    public Task Racing_writers_keep_the_newest_version() => RacingWritersKeepTheNewestVersion();

    [Fact]
    public Task Marked_key_misses_and_refuses_fills() => MarkedKeyMissesAndRefusesFills();

    [Fact]
    public Task Key_stays_hidden_until_every_marker_is_published() => KeyStaysHiddenUntilEveryMarkerIsPublished();

    [Fact]
    public Task Release_without_payload_deletes_the_marked_key() => ReleaseWithoutPayloadDeletesTheMarkedKey();

    [Fact]
    public Task Release_leaves_other_markers() => ReleaseLeavesOtherMarkers();

    [Fact]
    public Task Marker_expires_with_the_key() => MarkerExpiresWithTheKey();

    [Fact]
    public Task Confirmed_mark_covers_for_its_window() => ConfirmedMarkCoversForItsWindow();

    [Fact]
    public Task Write_older_than_max_write_age_is_not_sent() => WriteOlderThanMaxWriteAgeIsNotSent();

    [Fact]
    public Task Outage_misses_and_breaker_recovers() => OutageMissesAndBreakerRecovers();
}
