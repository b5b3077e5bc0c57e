namespace Verifier.Core.Identification.Gs1.Linting;

/// <summary>What a failed linter complains about; decides the <see cref="ScanProblemCode"/> it maps to.</summary>
internal enum LintFailureKind
{
    Character,
    Length,
    CheckDigit,
    Date,
    Time,
    Value,
}

/// <summary>A linter's verdict on a component value: what is wrong and where (offset within the component).</summary>
internal readonly record struct LintFailure(LintFailureKind Kind, int Offset, string Message);

/// <summary>A GS1 syntax-dictionary linter: null when the component is fine.</summary>
internal delegate LintFailure? Linter(string component);
