using System.Text.Json;

namespace Verifier.Core.Tests.Identification.Conformance;

/// <summary>One line of a corpus JSONL file.</summary>
internal sealed record ConformanceRecord(string File, int Line, JsonElement Json)
{
    public string Kind => Json.GetProperty("kind").GetString()!;

    public string Input => Json.GetProperty("input").GetString()!;

    public bool Valid => Json.GetProperty("valid").GetBoolean();

    public string Source => String("source") ?? $"{File}:{Line}";

    public string? Check => String("check");

    public string? String(string name) =>
        Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public bool Has(string name) => Json.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>Expected AI → values (repeated AIs have several), or null.</summary>
    public Dictionary<string, List<string>>? Fields
    {
        get
        {
            if (!Json.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var property in fields.EnumerateObject())
            {
                result[property.Name] = property.Value.ValueKind == JsonValueKind.Array
                    ? property.Value.EnumerateArray().Select(v => v.GetString()!).ToList()
                    : [property.Value.GetString()!];
            }

            return result;
        }
    }

    public static IEnumerable<ConformanceRecord> Load(string path)
    {
        var line = 0;
        foreach (var text in System.IO.File.ReadLines(path))
        {
            line++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                yield return new ConformanceRecord(Path.GetFileName(path), line, JsonDocument.Parse(text).RootElement.Clone());
            }
        }
    }
}
