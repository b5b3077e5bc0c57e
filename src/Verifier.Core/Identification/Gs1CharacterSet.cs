namespace Verifier.Core.Identification;

/// <summary>Character sets of GS1 AI components (syntax dictionary types N, X, Y, Z).</summary>
public enum Gs1CharacterSet
{
    /// <summary>N: digits 0-9.</summary>
    Numeric,

    /// <summary>X: GS1 AI encodable character set 82.</summary>
    Cset82,

    /// <summary>Y: GS1 AI encodable character set 39 (upper case, digits, # - /).</summary>
    Cset39,

    /// <summary>Z: GS1 AI encodable character set 64 (base64url, '=' padding).</summary>
    Cset64,
}
