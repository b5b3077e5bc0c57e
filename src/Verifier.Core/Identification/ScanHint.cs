namespace Verifier.Core.Identification;

/// <summary>A suspected corruption of the scan and, where one can be derived, the scan as it probably was.</summary>
/// <param name="Code">Stable machine-readable code (JSON: <see cref="StableName"/>).</param>
/// <param name="Message">Explanation for people (not stable).</param>
/// <param name="SuggestedReading">The whole scan text repaired, to be parsed and verified instead; null if there is none.</param>
public sealed record ScanHint(ScanHintCode Code, string Message, string? SuggestedReading)
{
    /// <summary>The code as used on the wire, e.g. <c>MISSING_GROUP_SEPARATOR</c>.</summary>
    public string StableName => ScanProblemCodes.ScreamingSnake(Code.ToString());
}
