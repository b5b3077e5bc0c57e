namespace Verifier.Core.Identification;

/// <summary>
/// The GS1 mod-10 check digit of GTINs, GLNs, SSCCs ... (GS1 General Specifications 7.9.1):
/// digits are weighted 3,1,3,1... from the right, excluding the check digit itself.
/// </summary>
public static class Gs1CheckDigit
{
    /// <summary>True when <paramref name="digits"/> is at least two ASCII digits ending in the right check digit.</summary>
    public static bool IsValid(string? digits)
    {
        if (digits is null || digits.Length < 2 || !AllAsciiDigits(digits))
        {
            return false;
        }

        return Calculate(digits.AsSpan(0, digits.Length - 1)) == digits[^1];
    }

    /// <summary>The check digit to append to <paramref name="digitsWithoutCheck"/>.</summary>
    /// <exception cref="ArgumentException">Not a non-empty string of ASCII digits.</exception>
    public static char Compute(string digitsWithoutCheck)
    {
        if (!TryCompute(digitsWithoutCheck, out var check))
        {
            throw new ArgumentException("Expected one or more ASCII digits.", nameof(digitsWithoutCheck));
        }

        return check;
    }

    public static bool TryCompute(string? digitsWithoutCheck, out char checkDigit)
    {
        checkDigit = '\0';
        if (string.IsNullOrEmpty(digitsWithoutCheck) || !AllAsciiDigits(digitsWithoutCheck))
        {
            return false;
        }

        checkDigit = Calculate(digitsWithoutCheck);
        return true;
    }

    internal static char Calculate(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var weight = 3;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            sum += (digits[i] - '0') * weight;
            weight = 4 - weight;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    // char.IsDigit accepts other Unicode digits (e.g. Arabic-Indic); GS1 data is ASCII only.
    internal static bool AllAsciiDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
