namespace Verifier.Core.Tests.Identification;

/// <summary>Control characters and well-formed values shared by the parser tests.</summary>
internal static class Scans
{
    public const string Gs = "\u001D";
    public const string Rs = "\u001E";
    public const string Eot = "\u0004";

    /// <summary>A valid German NTIN (GTIN-14 with mod-10 check digit).</summary>
    public const string Gtin = "04150123456782";

    /// <summary>A valid PPN: "11" + PZN 03752864 + check digits 14.</summary>
    public const string Ppn = "110375286414";

    /// <summary>A complete GS1 DataMatrix scan: (01) (17) (10) (21).</summary>
    public const string Complete = "]d201" + Gtin + "17271231" + "10LOT42" + Gs + "21ABC123";

    /// <summary>A complete IFA scan in ISO/IEC 15434 format 06.</summary>
    public const string Ifa = "[)>" + Rs + "06" + Gs + "9N" + Ppn + Gs + "1TLOT42" + Gs + "D271231" + Gs + "SABC123" + Rs + Eot;
}
