namespace Verifier.Core.Identification.Gs1.Linting;

/// <summary>Rules on alphanumeric components: percent-encoding, hyphens, company prefixes, importer index.</summary>
internal static class TextLinters
{
    // The shortest GS1 Company Prefix has four digits (GS1 General Specifications 1.4.4).
    private const int ShortestCompanyPrefix = 4;

    public static LintFailure? Hyphen(string value) =>
        value.Length > 0 && value.All(c => c == '-') ? null : NumberLinters.Invalid(0, "must be '-'");

    public static LintFailure? HasNonDigit(string value) =>
        value.Any(c => !char.IsAsciiDigit(c)) ? null : NumberLinters.Invalid(0, "must contain a character that is not a digit");

    /// <summary>Percent-encoded text (e.g. AI 4300 names): each '%' starts two hexadecimal digits.</summary>
    public static LintFailure? PercentEncoded(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2])))
            {
                return NumberLinters.Invalid(i, "'%' must be followed by two hexadecimal digits");
            }
        }

        return null;
    }

    /// <summary>AI 7040 importer index: one character of the base64url alphabet.</summary>
    public static LintFailure? ImporterIndex(string value) =>
        value.Length == 1 && CharacterSetLinters.InCset64(value[0])
            ? null
            : NumberLinters.Invalid(0, "importer index must be one character of A-Z, a-z, 0-9, '-' or '_'");

    /// <summary>
    /// The value starts with a GS1 Company Prefix. Without access to the GS1 registry only the
    /// always-numeric shortest prefix can be checked, as the GS1 reference linter does offline.
    /// </summary>
    public static LintFailure? CompanyPrefixAtStart(string value) => CompanyPrefix(value, 0);

    /// <summary>As <see cref="CompanyPrefixAtStart"/>, after one leading digit (indicator / extension digit).</summary>
    public static LintFailure? CompanyPrefixAfterFirst(string value) => CompanyPrefix(value, 1);

    private static LintFailure? CompanyPrefix(string value, int start)
    {
        if (value.Length < start + ShortestCompanyPrefix)
        {
            return new LintFailure(LintFailureKind.Length, 0, "too short to hold a GS1 Company Prefix");
        }

        for (var i = start; i < start + ShortestCompanyPrefix; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return NumberLinters.Invalid(i, "a GS1 Company Prefix starts with at least four digits");
            }
        }

        return null;
    }
}
