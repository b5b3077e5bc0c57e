using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Packs;

/// <summary>DR Art 13's ten days, crossed by moving the server's clock (a server of its own, as the clock is shared).</summary>
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

    private static async Task Decommission(PackService.PackServiceClient client, string serial, DecommissionReason reason) =>
        Assert.Equal(Outcome.Success, (await client.DecommissionAsync(new DecommissionRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = reason,
        })).Result.Outcome);

    private static async Task<PackResult> Undo(PackService.PackServiceClient client, string serial, DecommissionReason reason) =>
        (await client.UndoAsync(new UndoRequest { ClientTransactionId = NewTransactionId(), Pack = Fields(serial), Reason = reason })).Result;
}
