namespace Verifier.Core.Identification;

/// <summary>
/// The German Pharmazentralnummer (PZN8) and the product codes derived from it: the PPN
/// ("11" + PZN + two mod-97 check digits) and the NTIN in AI (01) ("04150" + PZN + mod-10 check digit).
/// </summary>
public static class Pzn
{
    private const string PpnPrefix = "11";
    private const string NtinPrefix = "04150";

    /// <summary>8 digits whose last is the mod-11 check digit over weights 1..7 (a remainder of 10 is never issued).</summary>
    public static bool IsValid(string? pzn)
    {
        if (pzn is not { Length: 8 } || !Gs1CheckDigit.AllAsciiDigits(pzn))
        {
            return false;
        }

        return CheckDigit(pzn) is { } check && pzn[7] - '0' == check;
    }

    /// <summary>Completes seven digits to a PZN8; false for the numbers that would need check digit 10 (never issued).</summary>
    public static bool TryComplete(string sevenDigits, out string pzn)
    {
        pzn = string.Empty;
        if (sevenDigits.Length != 7 || !Gs1CheckDigit.AllAsciiDigits(sevenDigits) || CheckDigit(sevenDigits) is not { } check)
        {
            return false;
        }

        pzn = sevenDigits + (char)('0' + check);
        return true;
    }

    private static int? CheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < 7; i++)
        {
            sum += (digits[i] - '0') * (i + 1);
        }

        return sum % 11 == 10 ? null : sum % 11;
    }

    /// <exception cref="ArgumentException">Not a valid PZN8.</exception>
    public static string ToPpn(string pzn)
    {
        Require(pzn);
        PpnCheckDigits.TryCompute(PpnPrefix + pzn, out var check);
        return PpnPrefix + pzn + check;
    }

    /// <summary>The 14-digit German NTIN for AI (01).</summary>
    /// <exception cref="ArgumentException">Not a valid PZN8.</exception>
    public static string ToNtin(string pzn)
    {
        Require(pzn);
        return NtinPrefix + pzn + Gs1CheckDigit.Compute(NtinPrefix + pzn);
    }

    /// <summary>The PZN inside a valid German PPN or NTIN.</summary>
    public static bool TryFromProductCode(string? productCode, out string pzn)
    {
        pzn = string.Empty;
        string candidate;
        if (ProductCode.IsValid(productCode, ProductCodeScheme.Ppn) && productCode!.StartsWith(PpnPrefix, StringComparison.Ordinal))
        {
            candidate = productCode.Substring(2, 8);
        }
        else if (ProductCode.IsValid(productCode, ProductCodeScheme.Gtin) && productCode!.StartsWith(NtinPrefix, StringComparison.Ordinal))
        {
            candidate = productCode.Substring(5, 8);
        }
        else
        {
            return false;
        }

        if (!IsValid(candidate))
        {
            return false;
        }

        pzn = candidate;
        return true;
    }

    private static void Require(string pzn)
    {
        if (!IsValid(pzn))
        {
            throw new ArgumentException("Expected a PZN8 with a correct check digit.", nameof(pzn));
        }
    }
}
