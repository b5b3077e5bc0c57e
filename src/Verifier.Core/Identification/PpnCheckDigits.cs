namespace Verifier.Core.Identification;

/// <summary>
/// The two check digits of an IFA Pharmacy Product Number (PPN): the sum of each character's
/// ASCII code times its position weight (2, 3, 4 ... from the left) modulo 97, as two digits.
/// </summary>
public static class PpnCheckDigits
{
    /// <summary>
    /// True when <paramref name="ppn"/> is 3-22 characters of digits and upper-case letters whose
    /// last two digits are the check digits of the rest. Length rules of a particular issuing
    /// agency (12 for German PZN-based PPNs) are checked by <see cref="ProductCode.IsValid"/>.
    /// </summary>
    public static bool IsValid(string? ppn)
    {
        if (ppn is null || ppn.Length < 3 || ppn.Length > 22)
        {
            return false;
        }

        foreach (var c in ppn)
        {
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return TryCompute(ppn[..^2], out var check) && ppn.EndsWith(check, StringComparison.Ordinal);
    }

    /// <summary>The two check digits for <paramref name="withoutCheck"/> (digits and upper-case letters).</summary>
    public static bool TryCompute(string? withoutCheck, out string checkDigits)
    {
        checkDigits = string.Empty;
        if (string.IsNullOrEmpty(withoutCheck))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < withoutCheck.Length; i++)
        {
            var c = withoutCheck[i];
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c))
            {
                return false;
            }

            sum += c * (i + 2);
        }

        checkDigits = (sum % 97).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }
}
