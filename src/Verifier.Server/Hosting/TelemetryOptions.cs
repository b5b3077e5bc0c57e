namespace Verifier.Server.Hosting;

/// <summary>Section "Verifier:Telemetry": where metrics, traces and logs go besides the JSON console.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Verifier:Telemetry";

    /// <summary>
    /// Management endpoint serving the Prometheus scrape at /metrics over HTTP/1.1, apart
    /// from the gRPC endpoint: never behind the gRPC load balancer, never under its TLS or client
    /// certificates. Empty: no scrape endpoint.
    /// </summary>
    public string MetricsUrl { get; set; } = "http://127.0.0.1:9464";

    /// <summary>
    /// OTLP collector receiving traces, metrics and logs, e.g. http://otel-collector:4317. Empty: no
    /// export, unless the standard OTEL_EXPORTER_OTLP_ENDPOINT variable names one.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>"grpc" (port 4317) or "http/protobuf" (port 4318; the /v1/traces, /v1/metrics and /v1/logs paths are appended).</summary>
    public string OtlpProtocol { get; set; } = "grpc";
}
