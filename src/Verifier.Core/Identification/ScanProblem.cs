namespace Verifier.Core.Identification;

/// <summary>One reason why a scan is not a valid, complete unique identifier.</summary>
/// <param name="Code">Stable machine-readable code.</param>
/// <param name="Position">Offset in the scanned text the problem points at; -1 when it concerns the scan as a whole (e.g. a missing element).</param>
/// <param name="Message">Precise English explanation for people (not stable; do not parse).</param>
public sealed record ScanProblem(ScanProblemCode Code, int Position, string Message)
{
    public ScanProblemCategory Category => Code.Category();
}
