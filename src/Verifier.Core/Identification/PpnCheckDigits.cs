namespace Verifier.Core.Identification;

// Placeholder until the parser branch lands; replaced by the full implementation there.
/// <summary>IFA PPN: 12 characters, the last two are Σ ASCII(cᵢ)·(i+2) over the first ten, mod 97.</summary>
public static class PpnCheckDigits
{
    public static bool IsValid(string ppn)
    {
        if (ppn.Length != 12 || !char.IsAsciiDigit(ppn[10]) || !char.IsAsciiDigit(ppn[11])) return false;
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            if (!char.IsAsciiLetterOrDigit(ppn[i])) return false;
            sum += ppn[i] * (i + 2);
        }
        return sum % 97 == (ppn[10] - '0') * 10 + (ppn[11] - '0');
    }
}
