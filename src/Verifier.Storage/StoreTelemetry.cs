using System.Diagnostics;

namespace Verifier.Storage;

/// <summary>
/// The store's spans (ActivitySource "Verifier.Storage"). Nothing is recorded unless a listener
/// (the server's tracer provider) subscribes to the source: <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
/// then returns null and a span costs one check.
/// </summary>
public static class StoreTelemetry
{
    public const string SourceName = "Verifier.Storage";

    internal static readonly ActivitySource Source = new(SourceName);
}
