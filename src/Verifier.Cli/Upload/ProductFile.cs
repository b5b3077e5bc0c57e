using System.Text.Json;
using Verifier.V1;

namespace Verifier.Cli.Upload;

/// <summary>
/// Product master data files: CSV with a header naming (any order) product_code, scheme (gtin|ntin|ppn),
/// name, common_name, pharmaceutical_form, strength, pack_size, pack_type, target_markets
/// (";"-separated), nhrn, mah_id; or JSON lines with the same names (target_markets an array).
/// </summary>
internal static class ProductFile
{
    public const string Header = "product_code,scheme,name,common_name,pharmaceutical_form,strength,pack_size,pack_type,target_markets,nhrn,mah_id";

    public static IEnumerable<(Product Product, long Line)> Read(string path)
    {
        var json = SerialFile.IsJsonLines(path);
        List<string>? header = null;
        long number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0) continue;
            if (json)
            {
                yield return (FromJson(line, number, path), number);
                continue;
            }
            if (header is null)
            {
                header = CsvLine.Split(line).Select(h => h.Trim().ToLowerInvariant()).ToList();
                if (!header.Contains("product_code") || !header.Contains("scheme")) throw new InvalidDataException($"{path}:1: the header must name at least product_code and scheme ({Header})");
                continue;
            }
            var fields = CsvLine.Split(line);
            var row = header.Select((name, i) => (name, value: i < fields.Count ? fields[i] : "")).ToDictionary(f => f.name, f => f.value);
            yield return (Build(name => row.GetValueOrDefault(name, ""), name => row.GetValueOrDefault(name, "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), number, path), number);
        }
    }

    /// <summary>The scheme spellings files and `product upsert --scheme` accept; an NTIN is a GTIN-14 in the proto.</summary>
    public static readonly IReadOnlyDictionary<string, ProductCodeScheme> Schemes = new Dictionary<string, ProductCodeScheme>
    {
        ["gtin"] = ProductCodeScheme.Gtin,
        ["ntin"] = ProductCodeScheme.Gtin,
        ["ppn"] = ProductCodeScheme.Ppn,
    };

    public static ProductCodeScheme Scheme(string text) => Schemes.GetValueOrDefault(text.Trim().ToLowerInvariant(), ProductCodeScheme.Unspecified);

    private static Product FromJson(string line, long number, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            string Text(string name) => root.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.Number ? v.GetRawText() : v.GetString() ?? "" : "";
            string[] List(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Select(e => e.GetString() ?? "").ToArray()
                : Text(name).Split(';', StringSplitOptions.RemoveEmptyEntries);
            return Build(Text, List, number, path);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}:{number}: not a product JSON object: {exception.Message}");
        }
    }

    private static Product Build(Func<string, string> text, Func<string, string[]> list, long number, string path)
    {
        var scheme = Scheme(text("scheme"));
        if (scheme == ProductCodeScheme.Unspecified) throw new InvalidDataException($"{path}:{number}: scheme must be one of {string.Join(", ", Schemes.Keys)}");
        if (!int.TryParse(text("pack_size") is { Length: > 0 } size ? size : "0", out var packSize)) throw new InvalidDataException($"{path}:{number}: pack_size is not a number");
        var product = new Product
        {
            ProductCode = text("product_code").Trim(),
            Scheme = scheme,
            Name = text("name"),
            CommonName = text("common_name"),
            PharmaceuticalForm = text("pharmaceutical_form"),
            Strength = text("strength"),
            PackSize = packSize,
            PackType = text("pack_type"),
            Nhrn = text("nhrn"),
            MahId = text("mah_id"),
        };
        product.TargetMarkets.AddRange(list("target_markets"));
        return product;
    }
}
