using System.Diagnostics;
using Grpc.Core;
using Verifier.Server.Tests.Bulk;
using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Streams;

/// <summary>The real server with a one-second stream idle timeout (the default is 30 s).</summary>
public sealed class ShortIdleTimeoutFixture : IAsyncLifetime
{
    public VerifierServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await VerifierServer.StartAsync("--cache", "None", "--Verifier:Streams:IdleTimeout=00:00:01");
        await SeedAsync(Server);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Upload and bulk streams on which the client sends nothing are closed after
/// Verifier:Streams:IdleTimeout with DEADLINE_EXCEEDED naming the setting; a stream that keeps
/// sending stays open however long it runs in total.
/// </summary>
public sealed class IdleStreamTests(ShortIdleTimeoutFixture fixture) : IClassFixture<ShortIdleTimeoutFixture>
{
    private static readonly TimeSpan ClosedWithin = TimeSpan.FromSeconds(15);

    private VerifierServer Server => fixture.Server;

    [Fact]
    public async Task An_upload_stream_that_sends_nothing_is_closed()
    {
        using var call = new MasterDataService.MasterDataServiceClient(Server.Invoker(DemoKeys.MahAcme)).UploadBatch();
        var clock = Stopwatch.StartNew();

        var closed = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(ClosedWithin));

        AssertClosedForIdling(closed, clock.Elapsed);
    }

    [Fact]
    public async Task An_upload_stream_that_goes_quiet_after_its_header_is_closed_and_leaves_nothing()
    {
        var batch = "IDLE-" + Guid.NewGuid().ToString("N")[..6];
        using var call = new MasterDataService.MasterDataServiceClient(Server.Invoker(DemoKeys.MahAcme)).UploadBatch();
        await call.RequestStream.WriteAsync(Header(batch));
        await call.RequestStream.WriteAsync(Chunk("IDLE0001", "IDLE0002"));
        var clock = Stopwatch.StartNew();

        var closed = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(ClosedWithin));

        AssertClosedForIdling(closed, clock.Elapsed);
        var verified = await Server.Packs(DemoKeys.PharmacyBerlin).VerifyAsync(new VerifyRequest
        {
            ClientTransactionId = NewTransactionId(), Pack = Fields("IDLE0001", lot: batch),
        });
        Assert.NotEqual(Outcome.Success, verified.Result.Outcome);
    }

    [Fact]
    public async Task A_bulk_stream_that_sends_nothing_more_is_closed_after_its_answers()
    {
        var serial = await NewPackAsync(Server);
        using var call = Server.Bulk(DemoKeys.Wholesaler).StreamPackOperations();
        await call.RequestStream.WriteAsync(new StreamPackOperationsRequest { Operation = BulkCalls.Verify(Fields(serial)) });
        Assert.True(await call.ResponseStream.MoveNext());
        var answered = call.ResponseStream.Current.Item.Result.Outcome;
        var clock = Stopwatch.StartNew();

        var closed = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().WaitAsync(ClosedWithin));

        Assert.Equal(Outcome.Success, answered);
        AssertClosedForIdling(closed, clock.Elapsed);
    }

    [Fact]
    public async Task An_upload_that_keeps_sending_stays_open_longer_than_the_idle_timeout()
    {
        var batch = "SLOW-" + Guid.NewGuid().ToString("N")[..6];
        using var call = new MasterDataService.MasterDataServiceClient(Server.Invoker(DemoKeys.MahAcme)).UploadBatch();
        var clock = Stopwatch.StartNew();
        await call.RequestStream.WriteAsync(Header(batch));
        // Gaps of a tenth of the idle timeout: a busy test machine may stretch one several times over without the stream
        // ever being idle for the whole timeout, while the upload as a whole lasts more than twice as long.
        for (var i = 0; i < 24; i++)
        {
            await Task.Delay(100);
            await call.RequestStream.WriteAsync(Chunk($"SLOW{i:D4}"));
        }
        await call.RequestStream.CompleteAsync();

        var response = await call.ResponseAsync;

        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(2), $"the upload took only {clock.Elapsed}");
        Assert.Equal(24, response.StoredCount);
    }

    private static void AssertClosedForIdling(RpcException closed, TimeSpan after)
    {
        Assert.Equal(StatusCode.DeadlineExceeded, closed.StatusCode);
        Assert.Contains("Verifier:Streams:IdleTimeout", closed.Status.Detail);
        Assert.True(after >= TimeSpan.FromSeconds(0.9), $"closed after {after}, before the idle timeout");
    }

    private static UploadBatchRequest Header(string batch) => new()
    {
        Header = new UploadBatchHeader { UploadId = Guid.NewGuid().ToString("N"), ProductCode = Gtin, Batch = batch, Expiry = Expiry },
    };

    private static UploadBatchRequest Chunk(params string[] serials) => new() { Serials = new SerialChunk { SerialNumbers = { serials } } };
}
