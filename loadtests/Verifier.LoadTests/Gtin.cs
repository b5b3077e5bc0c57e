using Verifier.Core.Identification;

namespace Verifier.LoadTests;

internal static class Gtin
{
    /// <summary>A German NTIN-style GTIN-14: 04150 + an 8-digit number + the GS1 check digit.</summary>
    public static string Ntin(int number)
    {
        var body = "04150" + number.ToString("D8");
        return body + Gs1CheckDigit.Compute(body);
    }
}
