using Verifier.Core.Access;
using Verifier.Core.Packs;
using Verifier.Storage.Tests.SqlServer;
using static Verifier.Storage.Tests.Contract.MasterDataFixtures;

namespace Verifier.Storage.Tests.Contract;

/// <summary>Idempotency by client transaction id, and what the audit keeps of a mismatching scan.</summary>
public abstract class PackStoreContract : IAsyncLifetime
{
    private static readonly PackRules Rules = new(new PackRulesPolicy());
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
    public async Task A_retry_with_the_same_transaction_id_returns_the_first_record_and_raises_no_second_alert()
    {
        var unknownSerial = new ScannedPack(Gtin, "SN99999999", "LOT1", "281231");

        var first = await _db.Packs.CommitAsync(Verify("tx-1", unknownSerial, "hash-a"), default);
        var retry = await _db.Packs.CommitAsync(Verify("tx-1", unknownSerial, "hash-a"), default);

        Assert.Equal((Outcome.SerialUnknown, false), (first.Audit.Outcome, first.Replayed));
        Assert.NotNull(first.Audit.AlertId);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Audit, retry.Audit);
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM alerts"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM audit WHERE client_id = 'pharmacy-berlin'"));
    }

    [StoreFact]
    public async Task A_transaction_id_reused_for_another_request_is_recorded_as_such_and_changes_nothing()
    {
        var pack = new ScannedPack(Gtin, "SN00000001", "LOT1", "281231");
        var first = await _db.Packs.CommitAsync(Verify("tx-1", pack, "hash-a"), default);

        var reused = await _db.Packs.CommitAsync(new PackCommand(Pharmacy("tx-1"), "decommission:supplied", pack, "hash-b",
            _ => new Decision(Outcome.Success, PackState.Supplied, null), (view, decision) => Rules.StatusAfter(view, decision, StoreUnderTest.Now)), default);

        Assert.Equal((Outcome.TransactionIdReused, false), (reused.Audit.Outcome, reused.Replayed));
        Assert.Null(reused.Audit.ClientTransactionId);
        Assert.NotEqual(first.Audit.SystemTransactionId, reused.Audit.SystemTransactionId);
        var history = await _db.Packs.PackHistoryAsync(Gtin, "SN00000001", "pharmacy-berlin", 10, default);
        Assert.Equal([(Outcome.TransactionIdReused, (string?)null), (Outcome.Success, "tx-1")], history.Select(a => (a.Outcome!.Value, a.ClientTransactionId)));
        Assert.Equal(PackState.Active, (await _db.Packs.ReadViewAsync(pack, default)).Pack!.State);
    }

    [StoreTheory]
    [InlineData("LOT9", "281231", Outcome.BatchMismatch)]
    [InlineData("LOT1", "291231", Outcome.ExpiryMismatch)]
    public async Task A_mismatching_scan_is_audited_and_alerted_as_scanned_not_as_stored(string batch, string expiry, Outcome outcome)
    {
        var scan = new ScannedPack(Gtin, "SN00000002", batch, expiry);

        var result = await _db.Packs.CommitAsync(Verify(null, scan, "hash-a"), default);

        // The pack's own rows (its history also holds its batch's upload and its product's creation).
        var audit = Assert.Single(await _db.Packs.PackHistoryAsync(Gtin, "SN00000002", null, 10, default), a => a.SerialNumber is not null);
        Assert.Equal(result.Audit, audit);
        Assert.Equal((outcome, batch, expiry), (audit.Outcome!.Value, audit.Batch, audit.Expiry));
        Assert.Equal((false, null), (audit.Active, audit.Reason));
        var alert = await _db.Alerts.GetAsync(audit.AlertId!, default);
        Assert.Equal((batch, expiry), (alert!.Batch, alert.Expiry));
    }

    [StoreFact]
    public async Task Concurrent_decommissions_of_one_pack_leave_exactly_one_success()
    {
        var pack = new ScannedPack(Gtin, "SN00000000", "LOT1", "281231");
        // Each decides on the view it is handed inside its transaction, as PackRules does.
        var decommissions = Enumerable.Range(0, 8).Select(i => Task.Run(() => _db.Packs.CommitAsync(new PackCommand(
            StoreUnderTest.Context($"pharmacy-{i}", ClientRole.Pharmacy), "decommission:supplied", pack, $"h-{i}",
            view => view.Pack!.State == PackState.Active
                ? new Decision(Outcome.Success, PackState.Supplied, null)
                : new Decision(Outcome.AlreadyInactive, null, null),
            (view, decision) => new PackStatus(false, PackState.Supplied, InactiveReason.Supplied)), default)));

        var results = await Task.WhenAll(decommissions);

        Assert.Single(results, r => r.Audit.Outcome == Outcome.Success);
        Assert.Equal(7, results.Count(r => r.Audit.Outcome == Outcome.AlreadyInactive));
        Assert.Equal(2, (await _db.Packs.ReadViewAsync(pack, default)).Pack!.Version);
    }

    [StoreFact]
    public async Task A_deferred_operation_is_audited_with_both_times_and_changes_the_pack_as_of_its_performed_time()
    {
        var pack = new ScannedPack(Gtin, "SN00000001", "LOT1", "281231");
        var performed = StoreUnderTest.Now.AddHours(-30);
        var context = Pharmacy("tx-offline") with { PerformedAt = performed };
        var decommission = new PackCommand(context, "decommission:supplied", pack, "hash-d",
            _ => new Decision(Outcome.Success, PackState.Supplied, null), (view, decision) => Rules.StatusAfter(view, decision, performed));

        var first = await _db.Packs.CommitAsync(decommission, default);
        var replay = await _db.Packs.CommitAsync(decommission with { Context = Pharmacy("tx-offline") with { PerformedAt = performed.AddHours(1) } }, default);
        var verified = await _db.Packs.CommitAsync(Verify("tx-online", pack, "hash-v"), default);

        Assert.Equal((StoreUnderTest.Now, performed), (first.Audit.Timestamp, first.Audit.PerformedAt));
        Assert.Equal(performed, first.ViewAfter.Pack!.ChangedAt);
        Assert.Equal(performed, (await _db.Packs.ReadViewAsync(pack, default)).Pack!.ChangedAt);
        // The replay is the stored answer, performed time included; the later one is not taken.
        Assert.True(replay.Replayed);
        Assert.Equal(first.Audit, replay.Audit);
        Assert.Null(verified.Audit.PerformedAt);
        var history = await _db.Packs.PackHistoryAsync(Gtin, "SN00000001", "pharmacy-berlin", 10, default);
        Assert.Equal([("tx-online", null), ("tx-offline", (DateTimeOffset?)performed)], history.Select(a => (a.ClientTransactionId, a.PerformedAt)));
        Assert.Equal(1, _db.Scalar($"SELECT COUNT(*) FROM audit WHERE performed_at = {performed.ToUnixTimeMilliseconds()}"));
    }

    private static PackCommand Verify(string? clientTransactionId, ScannedPack scan, string requestHash) =>
        new(Pharmacy(clientTransactionId), "verify", scan, requestHash, view => Rules.Verify(view, scan, StoreUnderTest.Now),
            (view, decision) => Rules.StatusAfter(view, decision, StoreUnderTest.Now));

    private static TransactionContext Pharmacy(string? clientTransactionId) =>
        StoreUnderTest.Context("pharmacy-berlin", ClientRole.Pharmacy) with { ClientTransactionId = clientTransactionId };
}
