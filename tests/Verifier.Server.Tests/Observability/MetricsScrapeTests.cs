using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Verifier.Server.Hosting;
using Verifier.Server.Tests.Infrastructure;
using Verifier.V1;
using static Verifier.Server.Tests.Infrastructure.Catalog;

namespace Verifier.Server.Tests.Observability;

/// <summary>A Prometheus scrape of the real server's management endpoint, over HTTP/1.1 as Prometheus does it.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class MetricsScrapeTests
{
    [Fact]
    public async Task The_scrape_shows_the_verifier_meter_aspnetcore_and_runtime_metrics()
    {
        // A cold Garnet can take longer than the 100 ms cache timeout; a timed-out write would make the second verify a miss.
        await using var server = await VerifierServer.StartAsync("--cache", "Embedded", "--Verifier:Cache:OperationTimeout=00:00:10");
        await SeedAsync(server);
        var serial = await NewPackAsync(server);
        var packs = server.Packs(DemoKeys.PharmacyBerlin);
        var address = server.Services.GetRequiredService<MetricsEndpoint>().Address;
        Assert.NotNull(address);
        Assert.DoesNotContain(":9464", address);
        using var http = new HttpClient();
        const string Hits = """verifier_cache_hits_total\{[^}]*\} [1-9]""";
        HttpResponseMessage? response = null;
        string scrape;
        // Bounded by time, not by count: the exporter serves a cached scrape for a moment after each one.
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            // The first verify fills the cache after its answer (not awaited), so a later one is a hit.
            await packs.VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Scan(serial) });
            response?.Dispose();
            response = await http.GetAsync(address + "/metrics");
            scrape = await response.Content.ReadAsStringAsync();
            if (System.Text.RegularExpressions.Regex.IsMatch(scrape, Hits) || deadline.Elapsed > TimeSpan.FromSeconds(15)) break;
            await Task.Delay(100);
        }
        using var scraped = response;
        Assert.NotNull(response);

        Assert.True(response.IsSuccessStatusCode, scrape);
        Assert.Equal(new Version(1, 1), response.Version);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        // The Verifier meter.
        Assert.Matches("""verifier_pack_operations_total\{[^}]*operation="verify"[^}]*outcome="NMVS_SUCCESS"[^}]*\} \d+""", scrape);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(scrape, Hits),
            "no cache hit counted; the Verifier meter's lines: " + string.Join(" | ", scrape.Split('\n').Where(line => line.StartsWith("verifier_"))));
        // ASP.NET Core: the gRPC calls, by route.
        Assert.Matches("""http_server_request_duration_seconds_count\{[^}]*http_route="/verifier.v1.PackService/Verify"[^}]*\} [1-9]""", scrape);
        // The runtime.
        Assert.Contains("dotnet_gc_heap_total_allocated_bytes_total", scrape);
        Assert.Contains("dotnet_thread_pool_thread_count", scrape);
    }

    [Fact]
    public async Task A_taken_metrics_port_costs_the_scrape_not_the_service()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await using var server = await VerifierServer.StartAsync("--cache", "None", $"--Verifier:Telemetry:MetricsUrl=http://127.0.0.1:{port}");
        await SeedAsync(server);
        var serial = await NewPackAsync(server);
        var reply = await server.Packs(DemoKeys.PharmacyBerlin).VerifyAsync(new VerifyRequest { ClientTransactionId = NewTransactionId(), Pack = Scan(serial) });

        Assert.Equal(Outcome.Success, reply.Result.Outcome);
        Assert.Null(server.Services.GetRequiredService<MetricsEndpoint>().Address);
    }

    [Fact]
    public async Task An_empty_metrics_url_switches_the_listener_off()
    {
        await using var server = await VerifierServer.StartAsync("--cache", "None", "--Verifier:Telemetry:MetricsUrl=");

        Assert.Null(server.Services.GetService<MetricsEndpoint>());
    }
}
