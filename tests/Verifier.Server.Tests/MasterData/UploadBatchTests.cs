using Grpc.Core;
using Verifier.Server.Tests.Infrastructure;
using V1 = Verifier.V1;

namespace Verifier.Server.Tests.MasterData;

[Collection(MasterDataServerCollection.Name)]
public sealed class UploadBatchTests(MasterDataServerFixture server)
{
    [Fact]
    public async Task A_committed_batch_answers_verify()
    {
        var product = await server.NewProductAsync();

        var response = await server.UploadAsync(product, "LOT-A", "301231", [["S1", "S2"], ["S3"]], expected: 3);

        Assert.Equal(V1.UploadStatus.Committed, response.Status);
        Assert.Equal((3L, 3L, 0L), (response.ReceivedCount, response.StoredCount, response.RejectedCount));
        Assert.Equal(V1.Outcome.Success, (await server.VerifyAsync(product, "S3", "LOT-A", "301231")).Outcome);
    }

    [Fact]
    public async Task Duplicates_within_the_upload_are_rejected_with_their_positions()
    {
        var product = await server.NewProductAsync();

        var response = await server.UploadAsync(product, "LOT-D", "301231", [["A", "B", "C"], ["D", "B", "E", "A"]]);

        Assert.Equal(V1.UploadStatus.Rejected, response.Status);
        Assert.Equal((7L, 0L, 2L), (response.ReceivedCount, response.StoredCount, response.RejectedCount));
        Assert.Equal([("SERIAL_DUPLICATE_IN_UPLOAD", 4L, "B"), ("SERIAL_DUPLICATE_IN_UPLOAD", 6L, "A")],
            response.Problems.Select(p => (p.Code, p.Position, p.SerialNumber)));
        Assert.Contains("position 1", response.Problems[0].Message);
        await AssertBatchUnknown(product, "LOT-D");
    }

    [Fact]
    public async Task Serials_stored_before_are_rejected_with_their_positions()
    {
        var product = await server.NewProductAsync();
        await server.UploadAsync(product, "LOT-1", "301231", "X1", "X2", "X3");

        var response = await server.UploadAsync(product, "LOT-2", "301231", [["Y1", "X2"], ["Y2", "Y3", "X3"]]);

        Assert.Equal(V1.UploadStatus.Rejected, response.Status);
        Assert.Equal([("SERIAL_EXISTS", 1L, "X2"), ("SERIAL_EXISTS", 4L, "X3")], response.Problems.Select(p => (p.Code, p.Position, p.SerialNumber)));
        Assert.Contains("LOT-1", response.Problems[0].Message);
        await AssertBatchUnknown(product, "LOT-2");
        Assert.Equal(V1.Outcome.BatchUnknown, (await server.VerifyAsync(product, "Y1", "LOT-2", "301231")).Outcome);
    }

    [Fact]
    public async Task Serials_outside_character_set_82_or_too_long_are_rejected()
    {
        var product = await server.NewProductAsync();

        var response = await server.UploadAsync(product, "LOT-C", "301231", "OK1", "BAD SPACE", new string('L', 21), "ÄÖ", "");

        Assert.Equal(["SERIAL_CHARSET@1", "SERIAL_LENGTH@2", "SERIAL_CHARSET@3", "SERIAL_LENGTH@4"],
            response.Problems.Select(p => $"{p.Code}@{p.Position}"));
        Assert.Equal(4, response.RejectedCount);
    }

    [Fact]
    public async Task The_same_upload_id_again_is_a_no_op_returning_the_first_result()
    {
        var product = await server.NewProductAsync();
        var first = await server.UploadAsync(product, "LOT-R", "301231", [["R1", "R2"]], uploadId: "replay-1");

        var again = await server.UploadAsync(product, "LOT-R", "301231", [["R1", "R2"]], uploadId: "replay-1");
        var probe = await server.UploadAsync(product, "LOT-R", "301231", [], uploadId: "replay-1", validateOnly: true);

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(V1.UploadStatus.Committed, again.Status);
        Assert.Equal(first.StoredCount, again.StoredCount);
        Assert.True(probe.Replayed);
    }

    [Fact]
    public async Task A_batch_that_exists_with_another_expiry_is_rejected()
    {
        var product = await server.NewProductAsync();
        await server.UploadAsync(product, "LOT-E", "301231", "E1");

        var response = await server.UploadAsync(product, "LOT-E", "310630", "E2");

        Assert.Equal(V1.UploadStatus.Rejected, response.Status);
        var problem = Assert.Single(response.Problems);
        Assert.Equal(("BATCH_EXPIRY_CONFLICT", -1L), (problem.Code, problem.Position));
        Assert.Equal(V1.Outcome.SerialUnknown, (await server.VerifyAsync(product, "E2", "LOT-E", "301231")).Outcome);
    }

    [Fact]
    public async Task Validate_only_checks_without_storing()
    {
        var product = await server.NewProductAsync();

        var clean = await server.UploadAsync(product, "LOT-V", "301231", [["V1", "V2"]], validateOnly: true);
        var dirty = await server.UploadAsync(product, "LOT-V", "301231", [["V1", "V1"]], validateOnly: true);

        Assert.Equal(V1.UploadStatus.Validated, clean.Status);
        Assert.Equal(V1.UploadStatus.Rejected, dirty.Status);
        await AssertBatchUnknown(product, "LOT-V");
    }

    [Fact]
    public async Task An_interrupted_stream_leaves_no_trace()
    {
        var product = await server.NewProductAsync();
        using (var cancel = new CancellationTokenSource())
        {
            var call = server.MasterData(MasterDataServerFixture.Acme).UploadBatch(cancellationToken: cancel.Token);
            await call.RequestStream.WriteAsync(new V1.UploadBatchRequest
            {
                Header = new V1.UploadBatchHeader { UploadId = "broken-1", ProductCode = product, Batch = "LOT-I", Expiry = "301231" },
            });
            var serials = Enumerable.Range(0, 30_000).Select(i => $"I{i:D7}");
            foreach (var chunk in serials.Chunk(10_000))
            {
                await call.RequestStream.WriteAsync(new V1.UploadBatchRequest { Serials = new V1.SerialChunk { SerialNumbers = { chunk } } });
            }
            await Task.Delay(200);
            cancel.Cancel();
            call.Dispose();
        }

        // The server removes the rows once it notices the broken stream; the same upload id then works afresh.
        V1.UploadBatchResponse retry;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Task.Delay(100);
            retry = await server.UploadAsync(product, "LOT-I", "301231", [["I0000001"]], uploadId: "broken-1", validateOnly: true);
        }
        while (retry.Status != V1.UploadStatus.Validated && DateTime.UtcNow < deadline);

        Assert.Equal(V1.UploadStatus.Validated, retry.Status);
        Assert.False(retry.Replayed);
        await AssertBatchUnknown(product, "LOT-I");
        Assert.Equal(V1.Outcome.BatchUnknown, (await server.VerifyAsync(product, "I0000001", "LOT-I", "301231")).Outcome);
    }

    [Fact]
    public async Task A_malformed_stream_is_an_invalid_argument_and_leaves_no_trace()
    {
        var product = await server.NewProductAsync();

        Assert.Equal(StatusCode.InvalidArgument, await UploadCalls.StatusOf(() => server.UploadAsync(product, "LOT-M", "301299", "M1")));
        Assert.Equal(StatusCode.InvalidArgument, await UploadCalls.StatusOf(() => server.UploadAsync(product, "LOT M", "301231", "M1")));
        using var call = server.MasterData(MasterDataServerFixture.Acme).UploadBatch();
        var header = new V1.UploadBatchRequest { Header = new V1.UploadBatchHeader { UploadId = "two-headers", ProductCode = product, Batch = "LOT-M", Expiry = "301231" } };
        await call.RequestStream.WriteAsync(header);
        await call.RequestStream.WriteAsync(new V1.UploadBatchRequest { Serials = new V1.SerialChunk { SerialNumbers = { "M1" } } });
        await call.RequestStream.WriteAsync(header);
        await call.RequestStream.CompleteAsync();
        Assert.Equal(StatusCode.InvalidArgument, (await Assert.ThrowsAsync<RpcException>(async () => await call)).StatusCode);
        await AssertBatchUnknown(product, "LOT-M");
    }

    [Fact]
    public async Task The_response_lists_the_first_hundred_problems_and_counts_all()
    {
        var product = await server.NewProductAsync();
        var serials = Enumerable.Range(0, 300).Select(i => i % 2 == 0 ? $"OK{i}" : "BAD SERIAL");

        var response = await server.UploadAsync(product, "LOT-H", "301231", [serials]);

        Assert.Equal(150, response.RejectedCount);
        Assert.Equal(100, response.Problems.Count);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => 2L * i + 1), response.Problems.Select(p => p.Position));
    }

    [Fact]
    public async Task A_count_different_from_the_announced_one_is_rejected()
    {
        var product = await server.NewProductAsync();
        var response = await server.UploadAsync(product, "LOT-N", "301231", [["N1", "N2"]], expected: 3);
        Assert.Equal(("COUNT_MISMATCH", -1L), (response.Problems.Single().Code, response.Problems.Single().Position));
        await AssertBatchUnknown(product, "LOT-N");
    }

    [Fact]
    public async Task An_upload_for_an_unknown_product_is_not_found()
    {
        Assert.Equal(StatusCode.NotFound, await UploadCalls.StatusOf(() => server.UploadAsync(server.NewGtin(), "LOT", "301231", "N1")));
    }

    private async Task AssertBatchUnknown(string product, string batch)
    {
        var request = new V1.BatchSummaryRequest { ProductCode = product, Batch = batch };
        Assert.Equal(StatusCode.NotFound, await UploadCalls.StatusOf(() => server.MasterData(MasterDataServerFixture.Acme).BatchSummaryAsync(request).ResponseAsync));
    }
}
