namespace Verifier.Core.Identification.Gs1.Linting;

/// <summary>The four GS1 character sets of the syntax dictionary component types N, X, Y and Z.</summary>
internal static class CharacterSetLinters
{
    // CSET 39 (GS1 General Specifications figure 7.11-2): upper case, digits, '#', '-', '/'.
    internal static bool InCset39(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c) || c is '#' or '-' or '/';

    // CSET 64 (figure 7.11-3): the base64url alphabet; '=' only as trailing padding.
    internal static bool InCset64(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    public static LintFailure? Numeric(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return NotInSet(i, value[i], "a digit");
            }
        }

        return null;
    }

    public static LintFailure? Cset82(string value)
    {
        var bad = Identification.Cset82.IndexOfInvalid(value);
        return bad < 0 ? null : NotInSet(bad, value[bad], "in GS1 character set 82");
    }

    public static LintFailure? Cset39(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (!InCset39(value[i]))
            {
                return NotInSet(i, value[i], "in GS1 character set 39");
            }
        }

        return null;
    }

    public static LintFailure? Cset64(string value)
    {
        var data = value.Length;
        while (data > 0 && value[data - 1] == '=')
        {
            data--;
        }

        for (var i = 0; i < data; i++)
        {
            if (!InCset64(value[i]))
            {
                return NotInSet(i, value[i], "in GS1 character set 64");
            }
        }

        var padding = value.Length - data;

        // GS1 pads CSET 64 data to a multiple of three characters, with at most two '='.
        if (padding > 2 || (padding > 0 && (data + padding) % 3 != 0))
        {
            return new LintFailure(LintFailureKind.Character, data, "incorrect '=' padding of character set 64 data");
        }

        return null;
    }

    internal static LintFailure NotInSet(int offset, char c, string set) =>
        new(LintFailureKind.Character, offset, $"character {Describe(c)} is not {set}");

    internal static string Describe(char c) =>
        c is >= ' ' and <= '~' ? $"'{c}'" : $"U+{(int)c:X4}";
}
