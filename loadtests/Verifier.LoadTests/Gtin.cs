namespace Verifier.LoadTests;

internal static class Gtin
{
    /// <summary>A German NTIN-style GTIN-14: 04150 + an 8-digit number + the GS1 check digit.</summary>
    public static string Ntin(int number)
    {
        var body = "04150" + number.ToString("D8");
        var sum = 0;
        for (int i = body.Length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) sum += (body[i] - '0') * weight;
        return body + (10 - sum % 10) % 10;
    }
}
