using Grpc.Core;
using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.Bulk.BulkCalls;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Bulk;

public sealed class BulkJobTests(EmbeddedGarnetFixture fixture) : IClassFixture<EmbeddedGarnetFixture>
{
    private const string Wholesaler = "wholesaler-north";
    private const string WholesalerLocation = "WH-NOR-001";

    private VerifierServer Server => fixture.Server;

    private BulkService.BulkServiceClient Bulk => Server.Bulk(DemoKeys.Wholesaler);

    [ServerFact]
    public async Task A_mixed_job_gets_every_outcome_a_single_call_can_give_and_malformed_items_fail_alone()
    {
        var now = Server.Clock.GetUtcNow();
        var reusedId = NewTransactionId();
        await Server.Packs(DemoKeys.Wholesaler).VerifyAsync(new VerifyRequest { ClientTransactionId = reusedId, Pack = Fields(await NewPackAsync(Server)) });
        var exportedHere = await PackInStateAsync(3, now, Wholesaler, WholesalerLocation);
        var suppliedElsewhere = await PackInStateAsync(2, now, "pharmacy-berlin", "PH-BER-001");
        var destroyed = await PackInStateAsync(4, now, Wholesaler, WholesalerLocation);
        var exportedLongAgo = await PackInStateAsync(3, now.AddDays(-11), Wholesaler, WholesalerLocation);
        var exportedByOther = await PackInStateAsync(3, now, "wholesaler-south", "WH-SOU-001");
        var active = await NewPackAsync(Server);

        var expected = new (BulkPackOperation Operation, Outcome Outcome)[]
        {
            (Verify(Fields(await NewPackAsync(Server))), Outcome.Success),
            (Verify(Fields(NewSerial(), gtin: UnknownGtin)), Outcome.ProductUnknown),
            (Verify(Fields(NewSerial(), lot: "NO-SUCH-LOT", expiry: Expiry)), Outcome.BatchUnknown),
            (Verify(Fields(NewSerial())), Outcome.SerialUnknown),
            (Verify(Fields(await NewPackAsync(Server), expiry: "491130")), Outcome.ExpiryMismatch),
            (Verify(Fields(await NewPackAsync(Server), lot: OtherLot)), Outcome.BatchMismatch),
            (Decommission(Fields(exportedHere)), Outcome.AlreadyInState),
            (Decommission(Fields(suppliedElsewhere)), Outcome.AlreadyInactive),
            (Undo(Fields(destroyed), DecommissionReason.Exported), Outcome.UndoStateMismatch),
            (Undo(Fields(exportedLongAgo)), Outcome.UndoTooLate),
            (Undo(Fields(exportedByOther)), Outcome.UndoOtherLocation),
            (Verify(Fields(await NewPackAsync(Server, RecalledLot), RecalledLot)), Outcome.BatchRecalled),
            (Verify(Fields(await NewPackAsync(Server, WithdrawnLot), WithdrawnLot, gtin: WithdrawnGtin)), Outcome.ProductWithdrawn),
            (Verify(Fields(await NewPackAsync(Server, ExpiredLot), ExpiredLot)), Outcome.PackExpired),
            (Verify(Fields(await NewPackAsync(Server)), reusedId), Outcome.TransactionIdReused),
            (Undo(Fields(destroyed), DecommissionReason.Destroyed), Outcome.UndoIrreversible),
            (Undo(Fields(active)), Outcome.NotDecommissioned),
            (Decommission(Fields(await NewPackAsync(Server))), Outcome.Success),
        };
        var operations = expected.Select(e => e.Operation).ToList();
        // Malformed: a wrong check digit, no pack at all, no kind, a reason the role may not use.
        operations.Add(Verify(new PackIdentifier { Fields = new PackFields { ProductCode = "04150123456789", SerialNumber = "X", Batch = Lot, Expiry = Expiry } }));
        operations.Add(new BulkPackOperation { ClientTransactionId = NewTransactionId(), Kind = BulkOperationKind.Verify });
        operations.Add(new BulkPackOperation { ClientTransactionId = NewTransactionId(), Pack = Fields(active) });
        operations.Add(Decommission(Fields(active), DecommissionReason.Supplied));

        var submitted = await Bulk.SubmitBulkJobAsync(new SubmitBulkJobRequest { ClientJobId = NewTransactionId(), Operations = { operations } });
        var job = await WaitForAsync(Bulk, submitted.JobId);

        Assert.Equal(operations.Count, job.Total);
        Assert.Equal(operations.Count, job.Done);
        Assert.Equal(Enumerable.Range(0, operations.Count), job.Results.Select(r => r.Index));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i].Outcome == job.Results[i].Result?.Outcome, $"item {i}: expected {expected[i].Outcome}, got {job.Results[i]}");
            Assert.Equal(operations[i].ClientTransactionId, job.Results[i].ClientTransactionId);
        }
        Assert.Equal(["INVALID_ARGUMENT", "INVALID_ARGUMENT", "INVALID_ARGUMENT", "PERMISSION_DENIED"],
            job.Results.Skip(expected.Length).Select(r => r.Error.Status));
        Assert.Contains("GTIN_CHECK_DIGIT", job.Results[expected.Length].Error.ScanProblems);
        Assert.Equal(4, job.Summary.Single(s => s.Outcome == Outcome.Unspecified).Count);
        Assert.Equal(2, job.Summary.Single(s => s.Outcome == Outcome.Success).Count);
        Assert.Equal("NMVS_NC_PCK_22", job.Summary.Single(s => s.Outcome == Outcome.AlreadyInactive).NationalCode);
        // Same answer as a single call: the item's stored audit row replays it.
        var single = await Server.Packs(DemoKeys.Wholesaler).DecommissionAsync(new DecommissionRequest
        {
            ClientTransactionId = operations[17].ClientTransactionId, Pack = operations[17].Pack, Reason = DecommissionReason.Exported,
        });
        Assert.Equal(job.Results[17].Result, single.Result);
    }

    [ServerFact]
    public async Task A_job_is_visible_only_to_its_submitter_and_a_resubmit_returns_the_same_job()
    {
        var clientJobId = NewTransactionId();
        var request = new SubmitBulkJobRequest { ClientJobId = clientJobId, Operations = { Verify(Fields(await NewPackAsync(Server))) } };
        var submitted = await Bulk.SubmitBulkJobAsync(request);
        await WaitForAsync(Bulk, submitted.JobId);

        var again = await Bulk.SubmitBulkJobAsync(request);
        var other = await Assert.ThrowsAsync<RpcException>(() =>
            Server.Bulk(DemoKeys.PharmacyBerlin).GetBulkJobAsync(new GetBulkJobRequest { JobId = submitted.JobId }).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Bulk.GetBulkJobAsync(new GetBulkJobRequest { JobId = "JOB-NONE" }).ResponseAsync);

        Assert.Equal(submitted.JobId, again.JobId);
        Assert.Equal(StatusCode.NotFound, other.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(1, (await Bulk.GetBulkJobAsync(new GetBulkJobRequest { JobId = submitted.JobId })).Done);
    }

    [ServerFact]
    public async Task A_job_of_10001_operations_is_refused_with_a_clear_message()
    {
        var operation = Verify(Fields(NewSerial()));
        var request = new SubmitBulkJobRequest { ClientJobId = NewTransactionId() };
        for (var i = 0; i < 10_001; i++) request.Operations.Add(operation);

        var refused = await Assert.ThrowsAsync<RpcException>(() => Bulk.SubmitBulkJobAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("A bulk job takes at most 10,000 operations; this one has 10,001. Split it into several jobs.", refused.Status.Detail);
    }

    [ServerFact]
    public async Task Results_come_in_pages_in_index_order()
    {
        var operations = Enumerable.Range(0, 30).Select(_ => Verify(Fields(NewSerial()))).ToList();
        var submitted = await Bulk.SubmitBulkJobAsync(new SubmitBulkJobRequest { ClientJobId = NewTransactionId(), Operations = { operations } });
        await WaitForAsync(Bulk, submitted.JobId);

        var first = await Bulk.GetBulkJobAsync(new GetBulkJobRequest { JobId = submitted.JobId, PageSize = 20 });
        var second = await Bulk.GetBulkJobAsync(new GetBulkJobRequest { JobId = submitted.JobId, PageSize = 20, ResultOffset = first.NextResultOffset });

        Assert.Equal(Enumerable.Range(0, 30), first.Results.Concat(second.Results).Select(r => r.Index));
        Assert.Equal(30, second.NextResultOffset);
        Assert.Equal(30, first.Summary.Single().Count);
    }

    /// <summary>A pack already in <paramref name="state"/>, changed at <paramref name="at"/> by that client and location.</summary>
    private async Task<string> PackInStateAsync(int state, DateTimeOffset at, string client, string location)
    {
        var serial = NewSerial();
        await Server.SeedAsync(
            """
            INSERT INTO packs (product_id, serial, batch_id, state, version, changed_at, changed_by_client, changed_by_location)
            VALUES (1, @serial, 10, @state, 2, @at, @client, @location)
            """,
            new { serial, state, at = at.ToUnixTimeMilliseconds(), client, location });
        return serial;
    }
}
