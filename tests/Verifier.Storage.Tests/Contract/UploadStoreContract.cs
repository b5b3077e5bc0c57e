using Verifier.Core.Packs;
using Verifier.Storage.Tests.SqlServer;
using static Verifier.Storage.Tests.Contract.MasterDataFixtures;

namespace Verifier.Storage.Tests.Contract;

public abstract class UploadStoreContract : IAsyncLifetime
{
    private StoreUnderTest _db = null!;

    public async Task InitializeAsync()
    {
        _db = OpenStore();
        await _db.MasterData.UpsertProductAsync(Product(), false, StoreUnderTest.Context(), default);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    protected abstract StoreUnderTest OpenStore();

    [StoreFact]
    public async Task A_committed_upload_makes_every_pack_answerable()
    {
        var result = await UploadAsync(_db, "up-1", "LOT1", "281231", Serials(25_000));

        Assert.Equal(UploadStatus.Committed, result.Status);
        Assert.Equal(25_000, result.StoredCount);
        var view = await _db.Packs.ReadViewAsync(new ScannedPack(Gtin, "SN00024999", "LOT1", "281231"), default);
        Assert.Equal(PackState.Active, view.Pack?.State);
        Assert.Equal("LOT1", view.PackBatch?.Batch);
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM audit WHERE operation = 'upload' AND outcome = 1"));
    }

    [StoreFact]
    public async Task Serials_of_an_unfinished_upload_are_not_answered()
    {
        var opening = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-1", Gtin, "LOT1", "281231"), StoreUnderTest.Context(), false, default);
        await opening.Upload!.StoreAsync(Serials(10), Positions(10), Describe, default);

        var view = await _db.Packs.ReadViewAsync(new ScannedPack(Gtin, "SN00000003", "LOT1", "281231"), default);
        Assert.Null(view.Pack);
        Assert.Null(view.ScannedBatch);
    }

    [StoreFact]
    public async Task An_aborted_upload_leaves_no_trace_and_its_id_can_be_used_again()
    {
        var opening = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-1", Gtin, "LOT1", "281231"), StoreUnderTest.Context(), false, default);
        await opening.Upload!.StoreAsync(Serials(25_000), Positions(25_000), Describe, default);
        await opening.Upload.AbortAsync(default);

        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM packs"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM batches"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM uploads"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM audit WHERE operation = 'upload'"));
        Assert.Equal(UploadStatus.Committed, (await UploadAsync(_db, "up-1", "LOT1", "281231", Serials(5))).Status);
    }

    [StoreFact]
    public async Task A_crash_during_an_upload_leaves_no_trace_after_restart()
    {
        var opening = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-1", Gtin, "LOT1", "281231"), StoreUnderTest.Context(), false, default);
        await opening.Upload!.StoreAsync(Serials(30_000), Positions(30_000), Describe, default);

        await _db.RestartAsync();
        var removed = await _db.MasterData.RemoveUnfinishedUploadsAsync(TimeSpan.Zero, default);

        Assert.Equal(1, removed);
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM packs"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM batches"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM uploads"));
        Assert.Equal(UploadStatus.Committed, (await UploadAsync(_db, "up-1", "LOT1", "281231", Serials(5))).Status);
    }

    [StoreFact]
    public async Task Removing_abandoned_uploads_leaves_one_that_stored_a_chunk_recently()
    {
        // Opened long ago (the context's time), but its last chunk was stored just now.
        var opening = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-1", Gtin, "LOT1", "281231"), StoreUnderTest.Context(), false, default);
        await opening.Upload!.StoreAsync(Serials(10), Positions(10), Describe, default);

        Assert.Equal(0, await _db.MasterData.RemoveUnfinishedUploadsAsync(TimeSpan.FromMinutes(10), default));
        Assert.Equal(10, _db.Scalar("SELECT COUNT(*) FROM packs"));
        Assert.Equal(UploadStatus.Committed, (await opening.Upload.CommitAsync(10, StoreUnderTest.Context(), default)).Status);
    }

    [StoreFact]
    public async Task An_upload_removed_as_abandoned_can_store_no_more_and_cannot_commit()
    {
        var opening = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-1", Gtin, "LOT1", "281231"), StoreUnderTest.Context(), false, default);
        await opening.Upload!.StoreAsync(Serials(10), Positions(10), Describe, default);

        Assert.Equal(1, await _db.MasterData.RemoveUnfinishedUploadsAsync(TimeSpan.Zero, default));

        await Assert.ThrowsAsync<InvalidOperationException>(() => opening.Upload.StoreAsync(Serials(5, "X"), Positions(5), Describe, default));
        await Assert.ThrowsAsync<InvalidOperationException>(() => opening.Upload.CommitAsync(10, StoreUnderTest.Context(), default));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM packs"));
    }

    [StoreFact]
    public async Task A_restart_keeps_committed_batches()
    {
        await UploadAsync(_db, "up-1", "LOT1", "281231", Serials(100));
        await _db.RestartAsync();
        Assert.Equal(0, await _db.MasterData.RemoveUnfinishedUploadsAsync(TimeSpan.Zero, default));
        Assert.Equal(100, _db.Scalar("SELECT COUNT(*) FROM packs"));
    }

    [StoreFact]
    public async Task Serials_stored_before_are_reported_with_their_positions()
    {
        await UploadAsync(_db, "up-1", "LOT1", "281231", ["A1", "A2", "A3"]);
        var opening = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-2", Gtin, "LOT2", "281231"), StoreUnderTest.Context(), false, default);

        var existing = await opening.Upload!.StoreAsync(["B1", "A3", "B2", "A1"], [10, 11, 12, 13], Describe, default);

        Assert.Equal(2, existing.Count);
        Assert.Equal([(11L, "A3"), (13L, "A1")], existing.Described.Select(p => (p.Position, p.SerialNumber!)));
        Assert.All(existing.Described, p => Assert.Equal(UploadProblemCodes.SerialExists, p.Code));
        Assert.Contains("batch LOT1", existing.Described[0].Message);
    }

    [StoreFact]
    public async Task Checking_reports_stored_serials_without_storing()
    {
        await UploadAsync(_db, "up-1", "LOT1", "281231", ["A1", "A2"]);
        var opening = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-2", Gtin, "LOT2", "281231"), StoreUnderTest.Context(), true, default);

        var existing = await opening.Upload!.CheckAsync(["B1", "A2"], [0, 1], Describe, default);

        Assert.Equal([(1L, "A2")], existing.Described.Select(p => (p.Position, p.SerialNumber!)));
        Assert.Equal(2, _db.Scalar("SELECT COUNT(*) FROM packs"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM batches"));
    }

    [StoreFact]
    public async Task All_stored_serials_are_counted_and_only_the_first_by_position_described()
    {
        await UploadAsync(_db, "up-1", "LOT1", "281231", Serials(300));
        var opening = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-2", Gtin, "LOT2", "281231"), StoreUnderTest.Context(), false, default);
        // Key order is not position order: the last serials by key came first in the upload.
        var serials = Serials(400);
        var positions = Positions(400).Select(p => 1_000 - p).ToList();

        var existing = await opening.Upload!.StoreAsync(serials, positions, 3, default);

        Assert.Equal(300, existing.Count);
        Assert.Equal([(701L, "SN00000299"), (702L, "SN00000298"), (703L, "SN00000297")],
            existing.Described.Select(p => (p.Position, p.SerialNumber!)));
    }

    [StoreFact]
    public async Task After_a_stored_serial_the_rest_is_only_checked_and_the_upload_cannot_commit()
    {
        await UploadAsync(_db, "up-1", "LOT1", "281231", ["SN00000000", "SN00011999"]);
        var opening = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-2", Gtin, "LOT2", "281231"), StoreUnderTest.Context(), false, default);

        var existing = await opening.Upload!.StoreAsync(Serials(12_000), Positions(12_000), Describe, default);

        // The first chunk found one, so the second and third were checked (the last serial is found) but not written.
        Assert.Equal([0L, 11_999L], existing.Described.Select(p => p.Position));
        Assert.Equal(_db.UploadChunkRows - 1, _db.Scalar("SELECT COUNT(*) FROM packs p JOIN batches b ON b.id = p.batch_id WHERE b.batch = 'LOT2'"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => opening.Upload.CommitAsync(12_000, StoreUnderTest.Context(), default));
    }

    [StoreFact]
    public async Task An_upload_finishes_when_it_commits_not_when_it_started()
    {
        var opening = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-1", Gtin, "LOT1", "281231"), StoreUnderTest.Context(), false, default);
        await opening.Upload!.StoreAsync(Serials(10), Positions(10), Describe, default);
        var finished = StoreUnderTest.Now.AddMinutes(7);

        await opening.Upload.CommitAsync(10, StoreUnderTest.Context(at: finished), default);

        Assert.Equal(StoreUnderTest.Now.ToUnixTimeMilliseconds(), _db.Scalar("SELECT started_at FROM uploads"));
        Assert.Equal(finished.ToUnixTimeMilliseconds(), _db.Scalar("SELECT finished_at FROM uploads"));
        Assert.Equal(finished.ToUnixTimeMilliseconds(), _db.Scalar("SELECT at FROM audit WHERE operation = 'upload'"));
    }

    [StoreFact]
    public async Task The_same_upload_id_replays_the_first_result()
    {
        await UploadAsync(_db, "up-1", "LOT1", "281231", Serials(7));

        var again = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-1", Gtin, "LOT1", "281231"), StoreUnderTest.Context(), false, default);

        Assert.Null(again.Upload);
        Assert.True(again.Replay!.Replayed);
        Assert.Equal(7, again.Replay.StoredCount);
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM audit WHERE operation = 'upload'"));
    }

    [StoreFact]
    public async Task An_upload_id_reused_for_another_batch_is_refused()
    {
        await UploadAsync(_db, "up-1", "LOT1", "281231", Serials(7));
        var again = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-1", Gtin, "LOT2", "281231"), StoreUnderTest.Context(), false, default);
        Assert.Equal(UploadProblemCodes.UploadIdReused, again.HeaderProblem?.Code);
    }

    [StoreTheory]
    [InlineData("290630", UploadProblemCodes.BatchExpiryConflict)]
    [InlineData("281231", UploadProblemCodes.BatchExists)]
    public async Task A_second_upload_of_a_batch_is_refused(string expiry, string code)
    {
        await UploadAsync(_db, "up-1", "LOT1", "281231", Serials(7));

        var second = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-2", Gtin, "LOT1", expiry), StoreUnderTest.Context(), false, default);

        Assert.Equal(code, second.HeaderProblem?.Code);
        Assert.Equal(-1, second.HeaderProblem?.Position);
    }

    [StoreFact]
    public async Task A_batch_being_uploaded_cannot_be_uploaded_twice_at_once()
    {
        await _db.MasterData.OpenUploadAsync(new UploadHeader("up-1", Gtin, "LOT1", "281231"), StoreUnderTest.Context(), false, default);
        var second = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-2", Gtin, "LOT1", "281231"), StoreUnderTest.Context(), false, default);
        Assert.Equal(UploadProblemCodes.BatchUploadInProgress, second.HeaderProblem?.Code);
    }
}
