namespace Verifier.Core.Identification;

/// <summary>What kind of fault a <see cref="ScanProblem"/> describes.</summary>
public enum ScanProblemCategory
{
    /// <summary>The scanned text itself is unusable: empty, too long, control characters, unknown format.</summary>
    Input,

    /// <summary>The structure is broken: unknown AI, wrong length, bad characters, separators.</summary>
    Syntax,

    /// <summary>A value is well-formed but wrong: check digit, impossible date, code not in its list.</summary>
    Content,

    /// <summary>The combination of AIs breaks a GS1 association rule (repeats, exclusions, requisites).</summary>
    Association,

    /// <summary>The scan is readable but does not carry a complete unique identifier.</summary>
    Completeness,
}
