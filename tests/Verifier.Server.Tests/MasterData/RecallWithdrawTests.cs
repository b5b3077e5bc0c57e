using Grpc.Core;
using Verifier.Server.Tests.Infrastructure;
using V1 = Verifier.V1;

namespace Verifier.Server.Tests.MasterData;

[Collection(MasterDataServerCollection.Name)]
public sealed class RecallWithdrawTests(MasterDataServerFixture server)
{
    private V1.MasterDataService.MasterDataServiceClient Acme => server.MasterData(MasterDataServerFixture.Acme);

    [Fact]
    public async Task A_recall_makes_every_pack_of_the_batch_answer_recalled_without_alert()
    {
        var product = await server.NewProductAsync();
        await server.UploadAsync(product, "LOT-RC", "301231", "P1", "P2", "P3");
        await server.UploadAsync(product, "LOT-OK", "301231", "Q1");

        var first = await Acme.RecallBatchAsync(new V1.RecallBatchRequest { ProductCode = product, Batch = "LOT-RC", Reason = "contamination" });
        var second = await Acme.RecallBatchAsync(new V1.RecallBatchRequest { ProductCode = product, Batch = "LOT-RC" });

        Assert.Equal((3L, true), (first.PackCount, first.Changed));
        Assert.False(second.Changed);
        foreach (var serial in new[] { "P1", "P2", "P3" })
        {
            var result = await server.VerifyAsync(product, serial, "LOT-RC", "301231");
            Assert.Equal(V1.Outcome.BatchRecalled, result.Outcome);
            Assert.Equal("", result.AlertId);
            Assert.Equal(V1.InactiveReason.Recalled, result.Status.Reason);
        }
        Assert.Equal(V1.Outcome.Success, (await server.VerifyAsync(product, "Q1", "LOT-OK", "301231")).Outcome);
        var summary = await Acme.BatchSummaryAsync(new V1.BatchSummaryRequest { ProductCode = product, Batch = "LOT-RC" });
        Assert.True(summary.Recalled);
        Assert.Equal(3, summary.PackCount);
    }

    [Fact]
    public async Task A_packs_history_holds_its_batchs_upload_and_recall()
    {
        var product = await server.NewProductAsync();
        await server.UploadAsync(product, "LOT-H", "301231", "H1", "H2");
        await server.UploadAsync(product, "LOT-H2", "301231", "H3");
        await Acme.RecallBatchAsync(new V1.RecallBatchRequest { ProductCode = product, Batch = "LOT-H", Reason = "test" });
        await server.VerifyAsync(product, "H1", "LOT-H", "301231");

        var history = (await server.Packs(MasterDataServerFixture.Operator).PackHistoryAsync(new V1.PackHistoryRequest
        {
            Pack = new V1.PackIdentifier { Fields = new V1.PackFields { ProductCode = product, SerialNumber = "H1" } },
        })).Entries;

        // Newest first: its own operations, its batch's recall and upload, its product's creation; not the other batch's upload.
        Assert.Equal(["verify", "recall", "upload", "product-upsert"], history.Select(e => e.Operation));
    }

    [Fact]
    public async Task Recalling_an_unknown_batch_is_not_found()
    {
        var product = await server.NewProductAsync();
        var request = new V1.RecallBatchRequest { ProductCode = product, Batch = "NOPE" };
        Assert.Equal(StatusCode.NotFound, await UploadCalls.StatusOf(() => Acme.RecallBatchAsync(request).ResponseAsync));
    }

    [Fact]
    public async Task A_withdrawal_in_another_market_changes_no_answer()
    {
        var product = await server.NewProductAsync();
        await server.UploadAsync(product, "LOT-W", "301231", "W1");

        var elsewhere = await Acme.WithdrawProductAsync(new V1.WithdrawProductRequest { ProductCode = product, Market = "AT" });

        Assert.True(elsewhere.Changed);
        Assert.Equal(V1.Outcome.Success, (await server.VerifyAsync(product, "W1", "LOT-W", "301231")).Outcome);
    }

    [Fact]
    public async Task A_withdrawal_in_the_served_market_makes_every_pack_answer_withdrawn()
    {
        var product = await server.NewProductAsync();
        await server.UploadAsync(product, "LOT-W1", "301231", "W1", "W2");
        await server.UploadAsync(product, "LOT-W2", "301231", "W3");

        var first = await Acme.WithdrawProductAsync(new V1.WithdrawProductRequest { ProductCode = product, Market = "de", Reason = "discontinued" });
        var second = await Acme.WithdrawProductAsync(new V1.WithdrawProductRequest { ProductCode = product, Market = "DE" });

        Assert.True(first.Changed);
        Assert.False(second.Changed);
        foreach (var (serial, batch) in new[] { ("W1", "LOT-W1"), ("W2", "LOT-W1"), ("W3", "LOT-W2") })
        {
            var result = await server.VerifyAsync(product, serial, batch, "301231");
            Assert.Equal(V1.Outcome.ProductWithdrawn, result.Outcome);
            Assert.Equal("", result.AlertId);
        }
    }

    [Fact]
    public async Task Pack_states_set_by_the_MAH_go_through_the_pack_rules()
    {
        var product = await server.NewProductAsync();
        await server.UploadAsync(product, "LOT-S", "301231", "T1", "T2", "T3");

        var response = await Acme.SetPackStatesAsync(new V1.SetPackStatesRequest
        {
            ClientTransactionId = "stolen-1",
            ProductCode = product,
            SerialNumbers = { "T1", "T2", "UNKNOWN" },
            Reason = V1.DecommissionReason.Stolen,
        });
        var replay = await Acme.SetPackStatesAsync(new V1.SetPackStatesRequest
        {
            ClientTransactionId = "stolen-1",
            ProductCode = product,
            SerialNumbers = { "T1" },
            Reason = V1.DecommissionReason.Stolen,
        });

        Assert.Equal([V1.Outcome.Success, V1.Outcome.Success, V1.Outcome.SerialUnknown], response.Outcomes.Select(o => o.Outcome));
        Assert.Equal(V1.PackState.Stolen, response.Outcomes[0].Status.State);
        Assert.Equal(V1.Outcome.Success, replay.Outcomes[0].Outcome);
        var verify = await server.VerifyAsync(product, "T1", "LOT-S", "301231");
        Assert.Equal(V1.InactiveReason.Stolen, verify.Status.Reason);
        var undo = await server.Packs(MasterDataServerFixture.Acme).UndoAsync(new V1.UndoRequest
        {
            ClientTransactionId = "undo-stolen-1",
            Pack = new V1.PackIdentifier { Fields = new V1.PackFields { ProductCode = product, SerialNumber = "T1", Batch = "LOT-S", Expiry = "301231" } },
            Reason = V1.DecommissionReason.Stolen,
        });
        Assert.Equal(V1.Outcome.UndoIrreversible, undo.Result.Outcome);
        var summary = await Acme.BatchSummaryAsync(new V1.BatchSummaryRequest { ProductCode = product, Batch = "LOT-S" });
        Assert.Equal([(V1.PackState.Active, 1L), (V1.PackState.Stolen, 2L)], summary.Counts.Select(c => (c.State, c.Count)));
    }

    [Fact]
    public async Task Pack_states_outside_the_MAH_reasons_are_invalid()
    {
        var product = await server.NewProductAsync();
        var request = new V1.SetPackStatesRequest { ClientTransactionId = "x", ProductCode = product, SerialNumbers = { "T1" }, Reason = V1.DecommissionReason.Supplied };
        Assert.Equal(StatusCode.InvalidArgument, await UploadCalls.StatusOf(() => Acme.SetPackStatesAsync(request).ResponseAsync));
    }
}
