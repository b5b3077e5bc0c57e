using System.Diagnostics;

namespace Verifier.Cache;

/// <summary>
/// The cache's spans (ActivitySource "Verifier.Cache"), one per Redis round trip: a read, a marker,
/// a write. Unless a tracer listens, StartActivity returns null and a span costs one check.
/// </summary>
public static class CacheTelemetry
{
    public const string SourceName = "Verifier.Cache";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>A fault is a miss or an unconfirmed write to the caller, so only the span shows it.</summary>
    internal static void Fault(Activity? span, Exception exception) => span?.SetStatus(ActivityStatusCode.Error, exception.Message);
}
