using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Verifier.Cache;
using Verifier.Server.Observability;
using Verifier.Storage;

namespace Verifier.Server.Hosting;

/// <summary>
/// OpenTelemetry: metrics (the Verifier meter, ASP.NET Core, the runtime) for a Prometheus scrape
/// and OTLP, traces (gRPC server, store, cache, SqlClient) and logs over OTLP when a collector is
/// configured. Trace ids go into every log line's scope either way.
/// </summary>
internal static class Telemetry
{
    private const string ServiceName = "verifier";

    public static void AddVerifierTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddSingleton(options);
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        // What a tracer provider listens to, for whichever one is built (OTLP below, a test's
        // in-memory exporter). Without a tracer provider nothing listens to the store and cache
        // sources, and their spans cost a null check on the verify path.
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(StoreTelemetry.SourceName, CacheTelemetry.SourceName)
            .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !MetricsEndpoint.IsScrape(context))
            .AddSqlClientInstrumentation());

        var scrape = !string.IsNullOrWhiteSpace(options.MetricsUrl);
        var otlp = !string.IsNullOrWhiteSpace(options.OtlpEndpoint) || !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!scrape && !otlp) return;

        var telemetry = builder.Services.AddOpenTelemetry()
            // The standard OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES variables still win over the default name.
            .ConfigureResource(resource => resource.AddService(ServiceName).AddEnvironmentVariableDetector())
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(VerifierMetrics.MeterName).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
                if (scrape) metrics.AddPrometheusExporter();
            });
        if (scrape)
        {
            builder.Services.AddSingleton<MetricsEndpoint>();
            builder.Services.AddHostedService(provider => provider.GetRequiredService<MetricsEndpoint>());
        }
        if (!otlp) return;

        // The transaction ids the request scopes carry become log attributes at the collector.
        telemetry.WithLogging(configureBuilder: null, configureOptions: logs =>
        {
            logs.IncludeScopes = true;
            logs.IncludeFormattedMessage = true;
        });
        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            // Endpoint, protocol, headers and intervals from the standard OTEL_EXPORTER_OTLP_* variables.
            telemetry.UseOtlpExporter();
        }
        else
        {
            telemetry.UseOtlpExporter(Protocol(options.OtlpProtocol), new Uri(options.OtlpEndpoint));
        }
    }

    private static OtlpExportProtocol Protocol(string name) => name.ToLowerInvariant() switch
    {
        "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        _ => throw new InvalidOperationException($"Verifier:Telemetry:OtlpProtocol '{name}' is unknown; use 'grpc' or 'http/protobuf'."),
    };
}
