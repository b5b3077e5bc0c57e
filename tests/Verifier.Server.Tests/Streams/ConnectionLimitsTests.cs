using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Verifier.Server.Tests.Bulk;
using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;

namespace Verifier.Server.Tests.Streams;

/// <summary>
/// Kestrel's HTTP/2 limits come from Verifier:Connections: with one stream per connection, a second
/// call on the same connection waits until the first has finished.
/// </summary>
public sealed class ConnectionLimitsTests : IAsyncLifetime
{
    private VerifierServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await VerifierServer.StartAsync("--cache", "None", "--Verifier:Connections:MaxStreamsPerConnection=1");
        await Catalog.SeedAsync(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_second_call_on_a_connection_waits_while_the_stream_limit_is_reached()
    {
        // One connection only (gRPC's default handler would open another one when the limit is reached).
        using var channel = GrpcChannel.ForAddress(_server.Address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false },
        });
        var call = new BulkService.BulkServiceClient(channel.Intercept(Key(DemoKeys.Wholesaler))).StreamPackOperations();
        await call.RequestStream.WriteAsync(new StreamPackOperationsRequest
        {
            Operation = BulkCalls.Verify(Catalog.Fields(await Catalog.NewPackAsync(_server))),
        });
        Assert.True(await call.ResponseStream.MoveNext());

        var second = new AlertService.AlertServiceClient(channel.Intercept(Key(DemoKeys.PharmacyBerlin))).ListAlertsAsync(new ListAlertsRequest()).ResponseAsync;
        var finishedWhileBlocked = await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(1))) == second;
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext());
        call.Dispose();
        await second.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(finishedWhileBlocked, "the second call ran beside the open stream: the limit of one stream per connection was not applied");
    }

    private static Func<Metadata, Metadata> Key(string apiKey) => metadata =>
    {
        metadata.Add("x-api-key", apiKey);
        return metadata;
    };
}
