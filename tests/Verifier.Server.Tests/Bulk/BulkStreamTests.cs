using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.Bulk.BulkCalls;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Bulk;

public sealed class BulkStreamTests(EmbeddedGarnetFixture fixture) : IClassFixture<EmbeddedGarnetFixture>
{
    private VerifierServer Server => fixture.Server;

    [ServerFact]
    public async Task A_stream_answers_every_operation_by_index_and_a_malformed_one_fails_alone()
    {
        var serials = new List<string>();
        for (var i = 0; i < 150; i++) serials.Add(await NewPackAsync(Server));
        var operations = new List<BulkPackOperation>();
        operations.AddRange(serials.Select(s => Verify(Scan(s))));
        operations.AddRange(serials.Take(50).Select(s => Decommission(Fields(s))));
        var malformed = Verify(new PackIdentifier { Fields = new PackFields { ProductCode = "04150123456789", SerialNumber = "X", Batch = Lot, Expiry = Expiry } });
        operations.Add(malformed);
        operations.Add(Undo(Fields(serials[0])));

        var results = await StreamAsync(Server.Bulk(DemoKeys.Wholesaler), operations);

        Assert.Equal(operations.Count, results.Count);
        for (var i = 0; i < operations.Count; i++) Assert.Equal(operations[i].ClientTransactionId, results[i].ClientTransactionId);
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal(Outcome.Success, results[i].Result.Outcome));
        Assert.All(Enumerable.Range(150, 50), i => Assert.Equal(PackState.Exported, results[i].Result.Status.State));
        var error = results[200].Error;
        Assert.Equal("INVALID_ARGUMENT", error.Status);
        Assert.Contains("GTIN_CHECK_DIGIT", error.ScanProblems);
        // The undo may run before or after its pack's decommission on the same stream: either answer is a pack answer.
        Assert.Equal(BulkItemResult.AnswerOneofCase.Result, results[201].AnswerCase);
    }

    [ServerFact]
    public async Task A_stream_item_repeated_with_its_client_transaction_id_replays_the_original_answer()
    {
        var serial = await NewPackAsync(Server);
        var first = Decommission(Fields(serial));

        var once = await StreamAsync(Server.Bulk(DemoKeys.Wholesaler), [first]);
        var again = await StreamAsync(Server.Bulk(DemoKeys.Wholesaler), [first]);

        Assert.Equal(Outcome.Success, once[0].Result.Outcome);
        Assert.Equal(once[0].Result, again[0].Result);
    }
}
