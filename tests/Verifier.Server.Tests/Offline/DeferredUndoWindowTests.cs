using Google.Protobuf.WellKnownTypes;
using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Offline;

/// <summary>
/// DR Art 13's ten days run from when the pack was really decommissioned, also when that was
/// reported late (DR Art 29); a server of its own, as its clock is moved.
/// </summary>
public sealed class DeferredUndoWindowTests : IAsyncLifetime
{
    private VerifierServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await VerifierServer.StartAsync("--cache", "Embedded");
        await SeedAsync(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_undo_window_of_a_deferred_decommission_runs_from_its_performed_time()
    {
        var pharmacy = _server.Packs(DemoKeys.PharmacyBerlin);
        var deferred = await NewPackAsync(_server);
        var online = await NewPackAsync(_server);
        var performed = _server.Clock.GetUtcNow().AddDays(-4);
        await Decommission(pharmacy, deferred, Timestamp.FromDateTimeOffset(performed));
        await Decommission(pharmacy, online, null);

        // Seven days after both were recorded: eleven after the deferred one was performed.
        _server.Clock.Advance(TimeSpan.FromDays(7));
        var late = await Undo(pharmacy, deferred, null);
        var inTime = await Undo(pharmacy, online, null);
        // An undo performed (offline) on the ninth day after the deferred decommissioning is in time.
        var deferredAgain = await NewPackAsync(_server);
        await Decommission(pharmacy, deferredAgain, Timestamp.FromDateTimeOffset(_server.Clock.GetUtcNow().AddDays(-4)));
        var undoneOffline = await Undo(pharmacy, deferredAgain, Timestamp.FromDateTimeOffset(_server.Clock.GetUtcNow().AddDays(-1)));

        Assert.Equal(Outcome.UndoTooLate, late.Outcome);
        Assert.Equal(Outcome.Success, inTime.Outcome);
        Assert.Equal(Outcome.Success, undoneOffline.Outcome);
    }

    private static async Task Decommission(PackService.PackServiceClient client, string serial, Timestamp? performedAt) =>
        Assert.Equal(Outcome.Success, (await client.DecommissionAsync(new DecommissionRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = DecommissionReason.Supplied, PerformedAt = performedAt,
        })).Result.Outcome);

    private static async Task<PackResult> Undo(PackService.PackServiceClient client, string serial, Timestamp? performedAt) =>
        (await client.UndoAsync(new UndoRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = DecommissionReason.Supplied, PerformedAt = performedAt,
        })).Result;
}
