using Google.Protobuf.WellKnownTypes;
using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Packs;

/// <summary>
/// DR Art 13's ten days, crossed by moving the server's clock (a server of its own, as the clock is shared); for a
/// deferred operation (DR Art 29) they run from its performed time.
/// </summary>
public sealed class UndoWindowTests : IAsyncLifetime
{
    private VerifierServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await VerifierServer.StartAsync("--cache", "Embedded");
        await SeedAsync(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_undo_after_ten_days_is_too_late_but_a_lock_can_always_be_lifted()
    {
        var pharmacy = _server.Packs(DemoKeys.PharmacyBerlin);
        var supplied = await NewPackAsync(_server);
        var locked = await NewPackAsync(_server);
        var recent = await NewPackAsync(_server);
        await Decommission(pharmacy, supplied, DecommissionReason.Supplied);
        await Decommission(pharmacy, locked, DecommissionReason.Locked);

        _server.Clock.Advance(TimeSpan.FromDays(10) + TimeSpan.FromMinutes(1));
        await Decommission(pharmacy, recent, DecommissionReason.Supplied);
        var late = await Undo(pharmacy, supplied, DecommissionReason.Supplied);
        var unlocked = await Undo(pharmacy, locked, DecommissionReason.Locked);
        var inTime = await Undo(pharmacy, recent, DecommissionReason.Supplied);

        Assert.Equal(Outcome.UndoTooLate, late.Outcome);
        Assert.Equal("NMVS_NC_PCK_20", late.NationalCode);
        Assert.False(late.Status.Active);
        Assert.Equal(Outcome.Success, unlocked.Outcome);
        Assert.Equal(Outcome.Success, inTime.Outcome);
    }

    /// <summary>The ten days run from when the pack was really decommissioned, also when that was reported late (DR Art 29).</summary>
    [Fact]
    public async Task The_undo_window_of_a_deferred_decommission_runs_from_its_performed_time()
    {
        var pharmacy = _server.Packs(DemoKeys.PharmacyBerlin);
        var deferred = await NewPackAsync(_server);
        var online = await NewPackAsync(_server);
        var performed = _server.Clock.GetUtcNow().AddDays(-4);
        await Decommission(pharmacy, deferred, DecommissionReason.Supplied, Timestamp.FromDateTimeOffset(performed));
        await Decommission(pharmacy, online, DecommissionReason.Supplied);

        // Seven days after both were recorded: eleven after the deferred one was performed.
        _server.Clock.Advance(TimeSpan.FromDays(7));
        var late = await Undo(pharmacy, deferred, DecommissionReason.Supplied);
        var inTime = await Undo(pharmacy, online, DecommissionReason.Supplied);
        // An undo performed (offline) on the ninth day after the deferred decommissioning is in time.
        var deferredAgain = await NewPackAsync(_server);
        await Decommission(pharmacy, deferredAgain, DecommissionReason.Supplied, Timestamp.FromDateTimeOffset(_server.Clock.GetUtcNow().AddDays(-4)));
        var undoneOffline = await Undo(pharmacy, deferredAgain, DecommissionReason.Supplied, Timestamp.FromDateTimeOffset(_server.Clock.GetUtcNow().AddDays(-1)));

        Assert.Equal(Outcome.UndoTooLate, late.Outcome);
        Assert.Equal(Outcome.Success, inTime.Outcome);
        Assert.Equal(Outcome.Success, undoneOffline.Outcome);
    }

    private static async Task Decommission(
        PackService.PackServiceClient client, string serial, DecommissionReason reason, Timestamp? performedAt = null) =>
        Assert.Equal(Outcome.Success, (await client.DecommissionAsync(new DecommissionRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = reason, PerformedAt = performedAt,
        })).Result.Outcome);

    private static async Task<PackResult> Undo(
        PackService.PackServiceClient client, string serial, DecommissionReason reason, Timestamp? performedAt = null) =>
        (await client.UndoAsync(new UndoRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = reason, PerformedAt = performedAt,
        })).Result;
}
