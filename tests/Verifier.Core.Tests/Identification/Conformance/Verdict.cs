namespace Verifier.Core.Tests.Identification.Conformance;

internal enum Outcome
{
    Pass,
    Fail,
    NotApplicable,
}

/// <summary>How the parser did on one corpus record, with what went wrong or why it does not apply.</summary>
internal sealed record Verdict(Outcome Outcome, string Detail)
{
    public static readonly Verdict Pass = new(Outcome.Pass, string.Empty);

    public static Verdict Fail(string detail) => new(Outcome.Fail, detail);

    public static Verdict NotApplicable(string reason) => new(Outcome.NotApplicable, reason);

    public static Verdict Expect(bool condition, string detail) => condition ? Pass : Fail(detail);
}
