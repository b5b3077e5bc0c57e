namespace Verifier.Cli.Generate;

/// <summary>German-style product codes built from a PZN: NTIN (04150 + PZN8 + GS1 check) and PPN (11 + PZN8 + mod-97 pair).</summary>
internal static class ProductCodes
{
    /// <summary>The PZN8 check digit: Σ dᵢ·(i+1) over the first seven digits, mod 11; 10 is not allowed.</summary>
    public static string? Pzn8(int sevenDigits)
    {
        var digits = sevenDigits.ToString("D7");
        var sum = 0;
        for (var i = 0; i < 7; i++) sum += (digits[i] - '0') * (i + 1);
        return sum % 11 == 10 ? null : digits + sum % 11;
    }

    public static string Ntin(string pzn8)
    {
        var body = "04150" + pzn8;
        var sum = 0;
        for (int i = body.Length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) sum += (body[i] - '0') * weight;
        return body + (10 - sum % 10) % 10;
    }

    public static string Ppn(string pzn8)
    {
        var body = "11" + pzn8;
        var sum = 0;
        for (var i = 0; i < body.Length; i++) sum += body[i] * (i + 2);
        return body + (sum % 97).ToString("D2");
    }
}
