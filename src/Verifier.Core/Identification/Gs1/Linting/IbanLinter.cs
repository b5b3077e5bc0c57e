namespace Verifier.Core.Identification.Gs1.Linting;

/// <summary>International Bank Account Number (ISO 13616) for AI 8007: country, mod-97 check.</summary>
internal static class IbanLinter
{
    private const int MaxLength = 34;

    private static readonly HashSet<string> Countries = new(
        """
        AD AE AL AT AZ BA BE BG BH BI BR BY CH CR CY CZ DE DJ DK DO EE EG ES FI FK FO FR GB GE GI GL GR
        GT HN HR HU IE IL IQ IS IT JO KW KZ LB LC LI LT LU LV LY MC MD ME MK MN MR MT MU NI NL NO OM PK
        PL PS PT QA RO RS RU SA SC SD SE SI SK SM SO ST SV TL TN TR UA VA VG XK YE
        """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    public static LintFailure? Iban(string value)
    {
        if (value.Length < 5)
        {
            return new LintFailure(LintFailureKind.Length, 0, "too short for an IBAN");
        }

        if (value.Length > MaxLength)
        {
            return new LintFailure(LintFailureKind.Length, MaxLength, $"an IBAN has at most {MaxLength} characters");
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var allowed = i < 2 ? char.IsAsciiLetterUpper(c) : i < 4 ? char.IsAsciiDigit(c) : char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c);
            if (!allowed)
            {
                return CharacterSetLinters.NotInSet(i, c, i < 2 ? "an upper-case letter" : i < 4 ? "a digit" : "a digit or upper-case letter");
            }
        }

        if (!Countries.Contains(value[..2]))
        {
            return NumberLinters.Invalid(0, $"'{value[..2]}' is not a country using IBANs");
        }

        // ISO 13616: move the first four characters to the end, letters count as 10..35, mod 97 must be 1.
        var remainder = 0;
        foreach (var c in value[4..] + value[..4])
        {
            remainder = char.IsAsciiDigit(c)
                ? ((remainder * 10) + (c - '0')) % 97
                : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return remainder == 1 ? null : new LintFailure(LintFailureKind.CheckDigit, 2, "IBAN check digits are wrong");
    }
}
