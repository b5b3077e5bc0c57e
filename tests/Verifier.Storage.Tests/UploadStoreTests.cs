using Verifier.Core.Packs;
using static Verifier.Storage.Tests.MasterDataFixtures;

namespace Verifier.Storage.Tests;

public sealed class UploadStoreTests : IAsyncLifetime
{
    private readonly TempDatabase _db = new();

    public async Task InitializeAsync() => await _db.MasterData.UpsertProductAsync(Product(), false, TempDatabase.Context(), default);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
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

    [Fact]
    public async Task Serials_of_an_unfinished_upload_are_not_answered()
    {
        var opening = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-1", Gtin, "LOT1", "281231"), TempDatabase.Context(), false, default);
        await opening.Upload!.StoreAsync(Serials(10), Positions(10), default);

        var view = await _db.Packs.ReadViewAsync(new ScannedPack(Gtin, "SN00000003", "LOT1", "281231"), default);
        Assert.Null(view.Pack);
        Assert.Null(view.ScannedBatch);
    }

    [Fact]
    public async Task An_aborted_upload_leaves_no_trace_and_its_id_can_be_used_again()
    {
        var opening = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-1", Gtin, "LOT1", "281231"), TempDatabase.Context(), false, default);
        await opening.Upload!.StoreAsync(Serials(25_000), Positions(25_000), default);
        await opening.Upload.AbortAsync(default);

        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM packs"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM batches"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM uploads"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM audit WHERE operation = 'upload'"));
        Assert.Equal(UploadStatus.Committed, (await UploadAsync(_db, "up-1", "LOT1", "281231", Serials(5))).Status);
    }

    [Fact]
    public async Task A_crash_during_an_upload_leaves_no_trace_after_restart()
    {
        var opening = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-1", Gtin, "LOT1", "281231"), TempDatabase.Context(), false, default);
        await opening.Upload!.StoreAsync(Serials(30_000), Positions(30_000), default);

        await _db.RestartAsync();

        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM packs"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM batches"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM uploads"));
        Assert.Equal(UploadStatus.Committed, (await UploadAsync(_db, "up-1", "LOT1", "281231", Serials(5))).Status);
    }

    [Fact]
    public async Task A_restart_keeps_committed_batches()
    {
        await UploadAsync(_db, "up-1", "LOT1", "281231", Serials(100));
        await _db.RestartAsync();
        Assert.Equal(100, _db.Scalar("SELECT COUNT(*) FROM packs"));
    }

    [Fact]
    public async Task Serials_stored_before_are_reported_with_their_positions()
    {
        await UploadAsync(_db, "up-1", "LOT1", "281231", ["A1", "A2", "A3"]);
        var opening = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-2", Gtin, "LOT2", "281231"), TempDatabase.Context(), false, default);

        var problems = await opening.Upload!.StoreAsync(["B1", "A3", "B2", "A1"], [10, 11, 12, 13], default);

        Assert.Equal([(11L, "A3"), (13L, "A1")], problems.Select(p => (p.Position, p.SerialNumber!)));
        Assert.All(problems, p => Assert.Equal(UploadProblemCodes.SerialExists, p.Code));
        Assert.Contains("batch LOT1", problems[0].Message);
    }

    [Fact]
    public async Task Checking_reports_stored_serials_without_storing()
    {
        await UploadAsync(_db, "up-1", "LOT1", "281231", ["A1", "A2"]);
        var opening = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-2", Gtin, "LOT2", "281231"), TempDatabase.Context(), true, default);

        var problems = await opening.Upload!.CheckAsync(["B1", "A2"], [0, 1], default);

        Assert.Equal([(1L, "A2")], problems.Select(p => (p.Position, p.SerialNumber!)));
        Assert.Equal(2, _db.Scalar("SELECT COUNT(*) FROM packs"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM batches"));
    }

    [Fact]
    public async Task An_upload_finishes_when_it_commits_not_when_it_started()
    {
        var opening = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-1", Gtin, "LOT1", "281231"), TempDatabase.Context(), false, default);
        await opening.Upload!.StoreAsync(Serials(10), Positions(10), default);
        var finished = TempDatabase.Now.AddMinutes(7);

        await opening.Upload.CommitAsync(10, TempDatabase.Context(at: finished), default);

        Assert.Equal(TempDatabase.Now.ToUnixTimeMilliseconds(), _db.Scalar("SELECT started_at FROM uploads"));
        Assert.Equal(finished.ToUnixTimeMilliseconds(), _db.Scalar("SELECT finished_at FROM uploads"));
        Assert.Equal(finished.ToUnixTimeMilliseconds(), _db.Scalar("SELECT at FROM audit WHERE operation = 'upload'"));
    }

    [Fact]
    public async Task The_same_upload_id_replays_the_first_result()
    {
        await UploadAsync(_db, "up-1", "LOT1", "281231", Serials(7));

        var again = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-1", Gtin, "LOT1", "281231"), TempDatabase.Context(), false, default);

        Assert.Null(again.Upload);
        Assert.True(again.Replay!.Replayed);
        Assert.Equal(7, again.Replay.StoredCount);
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM audit WHERE operation = 'upload'"));
    }

    [Fact]
    public async Task An_upload_id_reused_for_another_batch_is_refused()
    {
        await UploadAsync(_db, "up-1", "LOT1", "281231", Serials(7));
        var again = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-1", Gtin, "LOT2", "281231"), TempDatabase.Context(), false, default);
        Assert.Equal(UploadProblemCodes.UploadIdReused, again.HeaderProblem?.Code);
    }

    [Theory]
    [InlineData("290630", UploadProblemCodes.BatchExpiryConflict)]
    [InlineData("281231", UploadProblemCodes.BatchExists)]
    public async Task A_second_upload_of_a_batch_is_refused(string expiry, string code)
    {
        await UploadAsync(_db, "up-1", "LOT1", "281231", Serials(7));

        var second = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-2", Gtin, "LOT1", expiry), TempDatabase.Context(), false, default);

        Assert.Equal(code, second.HeaderProblem?.Code);
        Assert.Equal(-1, second.HeaderProblem?.Position);
    }

    [Fact]
    public async Task A_batch_being_uploaded_cannot_be_uploaded_twice_at_once()
    {
        await _db.MasterData.OpenUploadAsync(new UploadHeader("up-1", Gtin, "LOT1", "281231"), TempDatabase.Context(), false, default);
        var second = await _db.MasterData.OpenUploadAsync(new UploadHeader("up-2", Gtin, "LOT1", "281231"), TempDatabase.Context(), false, default);
        Assert.Equal(UploadProblemCodes.BatchUploadInProgress, second.HeaderProblem?.Code);
    }
}
