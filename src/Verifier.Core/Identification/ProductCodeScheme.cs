namespace Verifier.Core.Identification;

/// <summary>The coding scheme of a product code (DR Art 4(b)(i)).</summary>
public enum ProductCodeScheme
{
    /// <summary>GS1 GTIN-14 / NTIN in AI (01) or DI 8P: 14 digits, mod-10 check digit.</summary>
    Gtin = 1,

    /// <summary>IFA Pharmacy Product Number in DI 9N: 12 characters, two mod-97 check digits.</summary>
    Ppn = 2,
}
