using System.Text.Json;

namespace Verifier.Cli.Upload;

/// <summary>One serial row of an upload file, with its line for error messages.</summary>
internal sealed record SerialRow(string ProductCode, string Batch, string Expiry, string Serial, long Line);

/// <summary>
/// Reads serial files as a stream of rows, never the whole file:
/// CSV (".csv") with the header product_code,batch,expiry,serial, or JSON lines (".jsonl",
/// ".ndjson") of {"product_code":…,"batch":…,"expiry":…,"serial":…}. The rows of a batch are contiguous.
/// </summary>
internal static class SerialFile
{
    public const string CsvHeader = "product_code,batch,expiry,serial";

    public static bool IsJsonLines(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<SerialRow> Read(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, true, new FileStreamOptions { BufferSize = 1 << 20 });
        var json = IsJsonLines(path);
        int[]? columns = null;
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            if (json)
            {
                yield return FromJson(line, number, path);
                continue;
            }
            if (columns is null)
            {
                columns = Columns(CsvLine.Split(line), path);
                continue;
            }
            List<string> fields;
            try
            {
                fields = CsvLine.Split(line);
            }
            catch (FormatException exception)
            {
                throw new InvalidDataException($"{path}:{number}: {exception.Message}");
            }
            if (fields.Count <= columns.Max()) throw new InvalidDataException($"{path}:{number}: expected the columns {CsvHeader}");
            yield return new SerialRow(fields[columns[0]], fields[columns[1]], fields[columns[2]], fields[columns[3]], number);
        }
    }

    private static int[] Columns(List<string> header, string path)
    {
        var names = CsvHeader.Split(',');
        var columns = names.Select(name => header.FindIndex(h => h.Trim().Equals(name, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (columns.Any(c => c < 0)) throw new InvalidDataException($"{path}:1: the header must name the columns {CsvHeader}");
        return columns;
    }

    private static SerialRow FromJson(string line, long number, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            string Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw new InvalidDataException($"{path}:{number}: \"{name}\" (a string) is missing");
            return new SerialRow(Text("product_code"), Text("batch"), Text("expiry"), Text("serial"), number);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path}:{number}: not JSON: {exception.Message}");
        }
    }
}
