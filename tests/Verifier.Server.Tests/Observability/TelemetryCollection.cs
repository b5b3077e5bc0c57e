namespace Verifier.Server.Tests.Observability;

/// <summary>
/// The telemetry tests run alone. A MeterProvider listens to every meter of its name in the process, so
/// another test's server (same meter, same instruments) disposed meanwhile ends the shared metric streams
/// and this test's scrape lacks them: a property of tests hosting many servers in one process, never of
/// the service, which hosts one.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
