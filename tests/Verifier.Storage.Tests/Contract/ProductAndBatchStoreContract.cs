using Verifier.Core.Access;
using Verifier.Core.Packs;
using Verifier.Storage.Tests.SqlServer;
using static Verifier.Storage.Tests.Contract.MasterDataFixtures;

namespace Verifier.Storage.Tests.Contract;

public abstract class ProductAndBatchStoreContract : IAsyncLifetime
{
    private StoreUnderTest _db = null!;

    public Task InitializeAsync()
    {
        _db = OpenStore();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    protected abstract StoreUnderTest OpenStore();

    [StoreFact]
    public async Task Every_change_of_a_product_is_a_new_version_and_a_repeat_changes_nothing()
    {
        var first = await _db.MasterData.UpsertProductAsync(Product(), false, StoreUnderTest.Context(), default);
        var same = await _db.MasterData.UpsertProductAsync(Product(), false, StoreUnderTest.Context(), default);
        var renamed = await _db.MasterData.UpsertProductAsync(Product(name: "Examplin forte"), false, StoreUnderTest.Context(), default);

        Assert.Equal((1, true), (first.Version, first.Changed));
        Assert.Equal((1, false), (same.Version, same.Changed));
        Assert.Equal((2, true), (renamed.Version, renamed.Changed));
        Assert.Equal(2, _db.Scalar("SELECT COUNT(*) FROM product_versions"));
    }

    [StoreFact]
    public async Task A_product_of_another_owner_is_not_taken_over()
    {
        await _db.MasterData.UpsertProductAsync(Product(), false, StoreUnderTest.Context(), default);

        var takeover = await _db.MasterData.UpsertProductAsync(Product(owner: "mah-globex"), false, StoreUnderTest.Context("mah-globex"), default);

        Assert.True(takeover.OwnedByAnother);
        Assert.False(takeover.Changed);
        Assert.Equal("mah-acme", (await _db.MasterData.FindProductAsync(Gtin, default))!.OwnerId);
    }

    [StoreFact]
    public async Task A_recall_is_kept_and_a_second_recall_changes_nothing()
    {
        await _db.MasterData.UpsertProductAsync(Product(), false, StoreUnderTest.Context(), default);
        await UploadAsync(_db, "up-1", "LOT1", "281231", Serials(12));

        var first = await _db.MasterData.RecallBatchAsync(Gtin, "LOT1", "contamination", StoreUnderTest.Context(), () => false, default);
        var second = await _db.MasterData.RecallBatchAsync(Gtin, "LOT1", null, StoreUnderTest.Context(), () => false, default);

        Assert.Equal((12L, true), (first!.PackCount, first.Changed));
        Assert.True(first.Batch.Recalled);
        Assert.False(second!.Changed);
        var view = await _db.Packs.ReadViewAsync(new ScannedPack(Gtin, "SN00000001", "LOT1", "281231"), default);
        Assert.True(view.PackBatch!.Recalled);
        Assert.Equal(2, _db.Scalar("SELECT COUNT(*) FROM audit WHERE operation = 'recall' AND outcome = 1"));
        Assert.Null(await _db.MasterData.RecallBatchAsync(Gtin, "NOPE", null, StoreUnderTest.Context(), () => false, default));
    }

    [StoreFact]
    public async Task Only_a_withdrawal_in_the_served_market_changes_answers()
    {
        await _db.MasterData.UpsertProductAsync(Product() with { TargetMarkets = ["AT", "DE"] }, false, StoreUnderTest.Context(), default);

        var elsewhere = await _db.MasterData.WithdrawProductAsync(Gtin, "AT", "DE", null, StoreUnderTest.Context(), () => false, default);
        Assert.True(elsewhere!.Changed);
        Assert.False(elsewhere.Product.Withdrawn);
        Assert.Equal(1, elsewhere.Product.Version);

        var here = await _db.MasterData.WithdrawProductAsync(Gtin, "DE", "DE", "discontinued", StoreUnderTest.Context(), () => false, default);
        var again = await _db.MasterData.WithdrawProductAsync(Gtin, "DE", "DE", null, StoreUnderTest.Context(), () => false, default);
        Assert.True(here!.Product.Withdrawn);
        Assert.Equal(2, here.Product.Version);
        Assert.False(again!.Changed);
        Assert.Equal(3, _db.Scalar("SELECT COUNT(*) FROM audit WHERE operation = 'withdraw'"));
    }

    [StoreFact]
    public async Task A_batch_summary_counts_packs_per_state()
    {
        await _db.MasterData.UpsertProductAsync(Product(), false, StoreUnderTest.Context(), default);
        await UploadAsync(_db, "up-1", "LOT1", "281231", Serials(5));
        var context = StoreUnderTest.Context("pharmacy-berlin", ClientRole.Pharmacy);
        var scan = new ScannedPack(Gtin, "SN00000002", "LOT1", "281231");
        await _db.Packs.CommitAsync(new PackCommand(context, "decommission:supplied", scan, "h",
            _ => new Decision(Outcome.Success, PackState.Supplied, null), (_, _) => new PackStatus(false, PackState.Supplied, InactiveReason.Supplied)), default);

        var summary = await _db.MasterData.BatchSummaryAsync(Gtin, "LOT1", default);

        Assert.Equal(5, summary!.PackCount);
        Assert.Equal(4, summary.Counts[PackState.Active]);
        Assert.Equal(1, summary.Counts[PackState.Supplied]);
        Assert.Null(await _db.MasterData.BatchSummaryAsync(Gtin, "LOT9", default));
    }
}
