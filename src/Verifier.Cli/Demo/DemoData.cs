using Pzn = Verifier.Core.Identification.Pzn;
using Verifier.Cli.Generate;
using Verifier.V1;

namespace Verifier.Cli.Demo;

internal sealed record DemoBatch(string ProductCode, string Batch, string Expiry, bool Recalled, string Expect, int ShownScans, bool Ifa);

/// <summary>The demo data set: one NTIN product, one PPN product, an active, a recalled and an expired batch.</summary>
internal static class DemoData
{
    private static readonly string Pzn1 = Pzn.TryComplete("1234567", out var pzn) ? pzn : throw new InvalidOperationException();
    private static readonly string Pzn2 = Pzn.TryComplete("1784523", out var pzn) ? pzn : throw new InvalidOperationException();

    public static readonly string Ntin = Pzn.ToNtin(Pzn1);
    public static readonly string Ppn = Pzn.ToPpn(Pzn2);

    public static readonly Product[] Products =
    [
        Product(Ntin, ProductCodeScheme.Gtin, "Demoprofen 400 mg", "ibuprofen", "film-coated tablet", "400 mg", 20),
        Product(Ppn, ProductCodeScheme.Ppn, "Democillin 1000 mg", "amoxicillin", "tablet", "1000 mg", 10),
    ];

    public static readonly DemoBatch[] Batches =
    [
        new(Ntin, "DEMO-A1", "301231", Recalled: false, "active (NMVS_SUCCESS)", ShownScans: 3, Ifa: false),
        new(Ppn, "DEMO-P1", "310600", Recalled: false, "active (NMVS_SUCCESS)", ShownScans: 1, Ifa: true),
        new(Ntin, "DEMO-R1", "301231", Recalled: true, "batch recalled (NMVS_FE_LOT_01, no alert)", ShownScans: 1, Ifa: false),
        new(Ntin, "DEMO-X1", "240600", Recalled: false, "expired (NMVS_NC_PCK_02, no alert)", ShownScans: 1, Ifa: false),
    ];

    private static Product Product(string code, ProductCodeScheme scheme, string name, string commonName, string form, string strength, int packSize) => new()
    {
        ProductCode = code,
        Scheme = scheme,
        Name = name,
        CommonName = commonName,
        PharmaceuticalForm = form,
        Strength = strength,
        PackSize = packSize,
        PackType = "blister",
        TargetMarkets = { "DE" },
    };
}
