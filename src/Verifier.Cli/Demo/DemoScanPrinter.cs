using System.Text.Json;

namespace Verifier.Cli.Demo;

internal sealed record DemoScan(DemoBatch Batch, string Serial)
{
    /// <summary>
    /// GS1: the human-readable interpretation, as printed under the DataMatrix and as typed by hand.
    /// IFA codes have no bracketed form, so a PPN pack is shown as its fields.
    /// </summary>
    public string Hri => Batch.Ifa
        ? $"PPN {Batch.ProductCode}  batch {Batch.Batch}  expiry {Batch.Expiry}  serial {Serial}"
        : $"(01){Batch.ProductCode}(17){Batch.Expiry}(10){Batch.Batch}(21){Serial}";

    /// <summary>
    /// The scanner's raw output with control characters escaped. GS1: the AIM identifier ]d2, the
    /// fixed-length AIs 01 and 17 first, then the variable AIs 10 and 21 separated by GS. IFA (PPN):
    /// ISO/IEC 15434 format 06 with data identifiers 9N, 1T, D, S.
    /// </summary>
    public string Raw => Batch.Ifa
        ? $"[)>\\u001e06\\u001d9N{Batch.ProductCode}\\u001d1T{Batch.Batch}\\u001dD{Batch.Expiry}\\u001dS{Serial}\\u001e\\u0004"
        : $"]d201{Batch.ProductCode}17{Batch.Expiry}10{Batch.Batch}\\u001d21{Serial}";
}

internal static class DemoScanPrinter
{
    public static void Print(IReadOnlyList<DemoScan> scans, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(scans.Select(s => new
            {
                product_code = s.Batch.ProductCode,
                batch = s.Batch.Batch,
                expiry = s.Batch.Expiry,
                serial = s.Serial,
                expect = s.Batch.Expect,
                hri = s.Hri,
                raw = s.Raw,
            }), new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        output.WriteLine();
        output.WriteLine("Scans to paste (HRI, then the raw scanner string with \\u001d = GS, \\u001e = RS, \\u0004 = EOT):");
        foreach (var scan in scans)
        {
            output.WriteLine();
            output.WriteLine($"  expect: {scan.Batch.Expect}");
            output.WriteLine($"    {(scan.Batch.Ifa ? "fields" : "HRI")}: {scan.Hri}");
            output.WriteLine($"    raw: {scan.Raw}");
        }
    }
}
