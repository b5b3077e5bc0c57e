namespace Verifier.Core.Identification;

/// <summary>One component of an AI's data field, e.g. the N6 date of AI 7007 or the optional serial of AI 253.</summary>
/// <param name="Linters">GS1 syntax-dictionary linter names applied to the component, e.g. "csum", "yymmd0".</param>
public sealed record Gs1Component(
    Gs1CharacterSet CharacterSet,
    int MinLength,
    int MaxLength,
    bool IsOptional,
    IReadOnlyList<string> Linters)
{
    public bool IsFixedLength => MinLength == MaxLength;
}
