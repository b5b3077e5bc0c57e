using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Observability;

/// <summary>
/// OTLP/HTTP export from the real server to a local listener standing in for a collector. The
/// listener keeps each request's path and body; protobuf carries strings as plain UTF-8, so span,
/// scope and instrument names can be found in the bytes without an OTLP decoder.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class OtlpExportTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Path, string Body)> _received = new();
    private WebApplication? _collector;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        _collector = builder.Build();
        _collector.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            _received.Enqueue((context.Request.Path, Encoding.UTF8.GetString(body.ToArray())));
            // An empty Export*ServiceResponse: everything accepted.
            context.Response.ContentType = "application/x-protobuf";
        });
        await _collector.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_collector is not null) await _collector.DisposeAsync();
    }

    [Fact]
    public async Task Traces_metrics_and_logs_reach_the_configured_collector()
    {
        var server = await VerifierServer.StartAsync("--cache", "Embedded",
            "--Verifier:Telemetry:OtlpEndpoint=" + _collector!.Urls.First(), "--Verifier:Telemetry:OtlpProtocol=http/protobuf",
            "--Logging:LogLevel:Verifier.Server.Packs=Information");
        string serial;
        try
        {
            await SeedAsync(server);
            serial = await NewPackAsync(server);
            await server.Packs(DemoKeys.PharmacyBerlin).VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Scan(serial) });
        }
        finally
        {
            // Stopping flushes every exporter: no waiting for the batch and export intervals.
            await server.DisposeAsync();
        }

        string Received(string path) => string.Concat(_received.Where(request => request.Path == path).Select(request => request.Body));
        var traces = Received("/v1/traces");
        Assert.Contains("verifier", traces);
        Assert.Contains("Verifier.Storage", traces);
        Assert.Contains("store.commit", traces);
        Assert.Contains("store.group_commit", traces);
        Assert.Contains("Verifier.Cache", traces);
        Assert.Contains("/verifier.v1.PackService/Verify", traces);
        Assert.Contains("verifier.pack.operations", Received("/v1/metrics"));
        Assert.Contains(serial, Received("/v1/logs"));
    }
}
