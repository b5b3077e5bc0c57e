using Verifier.Core.Access;
using Verifier.Core.Packs;
using Verifier.Storage.Tests.SqlServer;
using static Verifier.Storage.Tests.Contract.MasterDataFixtures;

namespace Verifier.Storage.Tests.Contract;

/// <summary>
/// The shared cache epoch (docs/cache-coherence.md): read in every command's transaction, advanced
/// in it by a change no cache marker covers, and carried by the result so cache writes can name it.
/// </summary>
public abstract class CacheEpochContract : IAsyncLifetime
{
    private static readonly ScannedPack Pack = new(Gtin, "SN00000001", "LOT1", "281231");
    private StoreUnderTest _db = null!;

    public async Task InitializeAsync()
    {
        _db = OpenStore();
        await _db.MasterData.UpsertProductAsync(Product(), false, StoreUnderTest.Context(), default);
        await UploadAsync(_db, "up-1", "LOT1", "281231", Serials(3));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    protected abstract StoreUnderTest OpenStore();

    [StoreFact]
    public async Task A_change_advances_the_epoch_unless_a_cache_marker_covers_it_and_a_verify_never_does()
    {
        var before = await CommitAsync(new Decision(Outcome.Success, null, null), marked: null);
        var unmarked = await CommitAsync(new Decision(Outcome.Success, PackState.Supplied, null), marked: null);
        var verified = await CommitAsync(new Decision(Outcome.Success, null, null), marked: null);
        var marked = await CommitAsync(new Decision(Outcome.Success, PackState.Active, null), marked: () => true);
        var markerGone = await CommitAsync(new Decision(Outcome.Success, PackState.Supplied, null), marked: () => false);

        Assert.Equal(before.CacheEpoch + 1, unmarked.CacheEpoch);
        Assert.Equal(unmarked.CacheEpoch, verified.CacheEpoch);
        Assert.Equal(verified.CacheEpoch, marked.CacheEpoch);
        Assert.Equal(marked.CacheEpoch + 1, markerGone.CacheEpoch);
        Assert.Equal(markerGone.CacheEpoch, _db.Scalar("SELECT epoch FROM cache_epoch"));
    }

    [StoreFact]
    public async Task Advancing_the_epoch_is_monotonic_and_later_commands_carry_it()
    {
        var first = await _db.Packs.AdvanceCacheEpochAsync(default);
        var second = await _db.Packs.AdvanceCacheEpochAsync(default);
        var verified = await CommitAsync(new Decision(Outcome.Success, null, null), marked: null);

        Assert.True(second > first);
        Assert.Equal(second, verified.CacheEpoch);
    }

    [StoreFact]
    public async Task A_cached_view_is_decided_on_only_in_the_epoch_it_was_cached_in()
    {
        var observed = await _db.Packs.ReadViewAsync(Pack, default);
        var epoch = (await CommitAsync(new Decision(Outcome.Success, null, null), marked: null)).CacheEpoch;
        // The cached view claims another state; only a decision on it can yield that state.
        var cached = observed with { Pack = observed.Pack! with { State = PackState.Destroyed } };

        var current = await VerifyOnObservedAsync(cached, epoch);
        await _db.Packs.AdvanceCacheEpochAsync(default);
        var stale = await VerifyOnObservedAsync(cached, epoch);

        Assert.Equal(PackState.Destroyed, current.Audit.StateBefore);
        Assert.Equal(PackState.Active, stale.Audit.StateBefore);
    }

    [StoreFact]
    public async Task A_recall_or_withdrawal_advances_the_epoch_only_when_it_changes_answers_unmarked()
    {
        var start = (await CommitAsync(new Decision(Outcome.Success, null, null), marked: null)).CacheEpoch;

        var marked = await _db.MasterData.RecallBatchAsync(Gtin, "LOT1", null, StoreUnderTest.Context(), () => true, default);
        var repeated = await _db.MasterData.RecallBatchAsync(Gtin, "LOT1", null, StoreUnderTest.Context(), () => false, default);
        var elsewhere = await _db.MasterData.WithdrawProductAsync(Gtin, "AT", "DE", null, StoreUnderTest.Context(), () => false, default);
        var here = await _db.MasterData.WithdrawProductAsync(Gtin, "DE", "DE", null, StoreUnderTest.Context(), () => false, default);

        Assert.Equal([start, start, start, start + 1], new[] { marked!.CacheEpoch, repeated!.CacheEpoch, elsewhere!.CacheEpoch, here!.CacheEpoch });
    }

    private Task<PackCommandResult> CommitAsync(Decision decision, Func<bool>? marked) =>
        _db.Packs.CommitAsync(new PackCommand(Pharmacy(), "test", Pack, "h", _ => decision, StatusAfter, IsMarkedInCache: marked), default);

    private Task<PackCommandResult> VerifyOnObservedAsync(PackView observed, long epoch) =>
        _db.Packs.CommitAsync(new PackCommand(Pharmacy(), "verify", Pack, "h", _ => new Decision(Outcome.Success, null, null), StatusAfter,
            Observed: observed, DecideOnObserved: true, ObservedEpoch: epoch, StatusCheck: true), default);

    private static PackStatus StatusAfter(PackView view, Decision decision) =>
        new(true, decision.NewState ?? view.Pack?.State ?? PackState.Active, null);

    private static TransactionContext Pharmacy() => StoreUnderTest.Context("pharmacy-berlin", ClientRole.Pharmacy);
}
