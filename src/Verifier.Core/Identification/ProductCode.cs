namespace Verifier.Core.Identification;

/// <summary>Shape and check-digit rules of the two product-code schemes of the FMD.</summary>
public static class ProductCode
{
    /// <summary>DR Art 4(b)(i): a product code has fewer than 50 characters.</summary>
    public const int MaxLength = 49;

    public const int GtinLength = 14;

    public const int PpnLength = 12;

    /// <summary>The scheme a code has the shape of (14 digits: GTIN; 12 digits/upper-case letters: PPN), without checking it.</summary>
    public static ProductCodeScheme? Detect(string? code)
    {
        if (code is null)
        {
            return null;
        }

        if (code.Length == GtinLength && Gs1CheckDigit.AllAsciiDigits(code))
        {
            return ProductCodeScheme.Gtin;
        }

        if (code.Length == PpnLength && code.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)))
        {
            return ProductCodeScheme.Ppn;
        }

        return null;
    }

    /// <summary>GTIN: 14 digits with a correct mod-10 check digit. PPN: 12 characters with correct mod-97 check digits.</summary>
    public static bool IsValid(string? code, ProductCodeScheme scheme) => scheme switch
    {
        ProductCodeScheme.Gtin => code is { Length: GtinLength } && Gs1CheckDigit.IsValid(code),
        ProductCodeScheme.Ppn => code is { Length: PpnLength } && PpnCheckDigits.IsValid(code),
        _ => false,
    };
}
