using System.CommandLine;
using Verifier.Cli.Parsing;
using Verifier.Core.Identification;
using Verifier.Imaging;

namespace Verifier.Cli.Imaging;

/// <summary>`verifier render`: draws the DataMatrix a pack would carry, for demos, test labels and `verifier scan --image`.</summary>
internal static class RenderCommand
{
    private const string Description = """
        Write a DataMatrix PNG of a scan. A GS1 scan (element string, HRI "(01)...(21)..." or
        Digital Link) is drawn in GS1 mode (FNC1 first, read back as ]d2) with FNC1 separators
        after variable-length fields; anything else is drawn as its text.

        Examples:
          verifier render --scan '(01)04150123456782(17)301231(10)DEMO-A1(21)LB4XDR1YCHCQ' --out pack.png
          verifier render --scan ']d201041501234567821730123110DEMO-A1\x1D21LB4XDR1YCHCQ' --out pack.png --module-size 4
        """;

    private static readonly Option<string> Scan = new("--scan")
    {
        Description = "The scan; type GS as \\x1D, \\u001D or <GS> (also <RS>, <EOT>)", Required = true,
    };

    private static readonly Option<FileInfo> Out = new("--out") { Description = "The PNG file to write", Required = true };
    private static readonly Option<int> ModuleSize = new("--module-size") { Description = "Pixels per module (default 10)", DefaultValueFactory = _ => 10 };

    public static Command Create()
    {
        var command = new Command("render", Description) { Scan, Out, ModuleSize };
        command.Validators.Add(result =>
        {
            if (result.GetValue(Scan) is { } scan && !ScanEscapes.TryUnescape(scan, out _, out var error)) result.AddError($"--scan: {error}");
            if (result.GetValue(ModuleSize) is < 1 or > 100) result.AddError("--module-size must be 1 to 100.");
        });
        command.SetAction(parse =>
        {
            ScanEscapes.TryUnescape(parse.GetValue(Scan)!, out var scan, out _);
            var (text, gs1) = SymbolContent(scan);
            byte[] png;
            try
            {
                png = DataMatrixRenderer.RenderPng(text, gs1, parse.GetValue(ModuleSize));
            }
            catch (ArgumentException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"verifier render: {e.Message}");
                return 2;
            }

            try
            {
                File.WriteAllBytes(parse.GetValue(Out)!.FullName, png);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"verifier render: cannot write the image: {e.Message}");
                return 3;
            }

            parse.InvocationConfiguration.Output.WriteLine($"wrote {parse.GetValue(Out)!.FullName} ({(gs1 ? "GS1 mode" : "text")}: {VisibleText.Show(text)})");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// What the symbol holds: for GS1 data the element string rebuilt from the parsed elements
    /// (whatever form the scan was typed in), GS only after a variable-length field that is not last.
    /// </summary>
    private static (string Text, bool Gs1) SymbolContent(string scan)
    {
        var parsed = ScanParser.Parse(scan);
        if (parsed.Format is not (ScanFormat.Gs1ElementString or ScanFormat.Gs1Hri or ScanFormat.Gs1DigitalLink) || parsed.Elements.Count == 0) return (scan, false);
        var elements = parsed.Elements;
        var text = string.Concat(elements.Select((e, i) =>
            e.Key + e.Value + (i < elements.Count - 1 && !(Gs1ApplicationIdentifiers.TryGet(e.Key, out var ai) && ai.HasPredefinedLength) ? "\u001d" : "")));
        return (text, true);
    }
}
