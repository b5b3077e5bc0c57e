using System.Globalization;
using Verifier.Core.Identification;

namespace Verifier.Cli.Parsing;

/// <summary>The human-readable form of a <see cref="ScanResult"/>.</summary>
internal static class ScanReport
{
    public static void Write(TextWriter output, ScanResult result)
    {
        var format = FormatName(result.Format) + (result.SymbologyIdentifier is null ? string.Empty : $" (symbology identifier {result.SymbologyIdentifier})");
        output.WriteLine($"Format:         {format}");
        output.WriteLine($"Product code:   {Show(result.ProductCode)}{(result.Scheme is { } scheme ? $" ({(scheme == ProductCodeScheme.Gtin ? "GTIN" : "PPN")})" : string.Empty)}");
        output.WriteLine($"Serial number:  {Show(result.SerialNumber)}");
        output.WriteLine($"Batch:          {Show(result.Batch)}");
        output.WriteLine($"Expiry:         {Show(result.Expiry)}{(result.ExpiryDate is { } date ? $" (use until {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})" : string.Empty)}");
        if (result.Nhrn is not null)
        {
            output.WriteLine($"NHRN:           {Show(result.Nhrn)} ({result.NhrnKey})");
        }

        output.WriteLine($"Complete UI:    {(result.IsComplete ? "yes" : "no")}");

        if (result.Elements.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Elements (position, key, value):");
            foreach (var element in result.Elements)
            {
                var marker = element.KnownToFmd ? string.Empty : "   (not used by the FMD)";
                output.WriteLine($"  {element.Position,5}  ({element.Key}) {VisibleText.Show(element.Value)}{marker}");
            }
        }

        if (result.Problems.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Problems (position, code: message):");
            foreach (var problem in result.Problems)
            {
                var position = problem.Position < 0 ? "    -" : problem.Position.ToString(CultureInfo.InvariantCulture).PadLeft(5);
                output.WriteLine($"  {position}  {problem.Code.StableName()}: {VisibleText.Show(problem.Message)}");
            }
        }

        if (result.Hints.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Hints:");
            foreach (var hint in result.Hints)
            {
                output.WriteLine($"  {hint.StableName}: {VisibleText.Show(hint.Message)}");
                if (hint.SuggestedReading is not null)
                {
                    output.WriteLine($"    suggested reading: {VisibleText.Show(hint.SuggestedReading)}");
                }
            }
        }
    }

    private static string Show(string? value) => value is null ? "-" : VisibleText.Show(value);

    private static string FormatName(ScanFormat format) => format switch
    {
        ScanFormat.Gs1ElementString => "GS1 element string",
        ScanFormat.Gs1Hri => "GS1 human-readable (HRI)",
        ScanFormat.Iso15434Format05 => "ISO/IEC 15434 format 05 (GS1)",
        ScanFormat.Iso15434Format06 => "ISO/IEC 15434 format 06 (IFA)",
        ScanFormat.Gs1DigitalLink => "GS1 Digital Link URI",
        _ => "not recognised",
    };
}
