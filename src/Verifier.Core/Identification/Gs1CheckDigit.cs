namespace Verifier.Core.Identification;

// Placeholder until the parser branch lands; replaced by the full implementation there.
/// <summary>The GS1 mod-10 check digit of a GTIN-14/NTIN (weights 3,1,3,... from the right, excluding the check digit).</summary>
public static class Gs1CheckDigit
{
    public static bool IsValid(string digits)
    {
        if (digits.Length < 2 || !digits.All(char.IsAsciiDigit)) return false;
        var sum = 0;
        for (int i = digits.Length - 2, weight = 3; i >= 0; i--, weight = 4 - weight) sum += (digits[i] - '0') * weight;
        return (10 - sum % 10) % 10 == digits[^1] - '0';
    }
}
