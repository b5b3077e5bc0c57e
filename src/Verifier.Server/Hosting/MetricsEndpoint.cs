using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OpenTelemetry.Metrics;

namespace Verifier.Server.Hosting;

/// <summary>
/// The Prometheus scrape endpoint (GET /metrics) on its own management listener
/// (<see cref="TelemetryOptions.MetricsUrl"/>): the gRPC endpoint speaks HTTP/2 only and may require
/// TLS and client certificates, a scraper speaks HTTP/1.1 to a port that load balancers never see.
/// A port already taken (a second instance on the host) costs the scrape, never the service:
/// pharmacies keep verifying, and the scraper reports the target down.
/// </summary>
internal sealed class MetricsEndpoint(MeterProvider meterProvider, TelemetryOptions options, ILoggerFactory loggerFactory)
    : IHostedService, IAsyncDisposable
{
    public const string Path = "/metrics";

    private readonly ILogger _logger = loggerFactory.CreateLogger<MetricsEndpoint>();
    private WebApplication? _app;

    /// <summary>The bound address (the real port when configured with port 0); null when not listening.</summary>
    public string? Address { get; private set; }

    public static bool IsScrape(HttpContext context) => context.Request.Path == Path;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore()
            .ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http1))
            .UseUrls(options.MetricsUrl);
        builder.Services.AddSingleton(loggerFactory);
        // One "Application started" in the log is the service's; this listener announces itself below.
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        var app = builder.Build();
        app.Use((context, next) =>
        {
            // Scrapes are not the service's traffic: keep them out of its http.server.* metrics.
            if (context.Features.Get<IHttpMetricsTagsFeature>() is { } tags) tags.MetricsDisabled = true;
            return next(context);
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider, predicate: null, Path, configureBranchedPipeline: null, optionsName: null);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException exception)
        {
            _logger.LogError(exception, "Metrics endpoint {MetricsUrl} could not listen; serving without a Prometheus scrape endpoint", options.MetricsUrl);
            await app.DisposeAsync();
            return;
        }
        _app = app;
        Address = app.Urls.First();
        _logger.LogInformation("Prometheus scrape endpoint on {Address}{Path}", Address, Path);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
