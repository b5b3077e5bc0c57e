using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Verifier.Core.Identification;

namespace Verifier.Cli.Parsing;

/// <summary>The JSON form of a <see cref="ScanResult"/>, documented in docs/parse-json.md.</summary>
internal static class ScanJson
{
    // Scans are shown to people and piped to tools, not embedded in HTML: keep '<', '+', '&' readable.
    // Control characters are still escaped (\u001D), so one result stays on one line.
    internal static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static string Serialize(ScanResult result, int? line = null, JsonElement? id = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            if (line is not null)
            {
                writer.WriteNumber("line", line.Value);
            }

            if (id is { } identifier)
            {
                writer.WritePropertyName("id");
                identifier.WriteTo(writer);
            }

            WriteResult(writer, result);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string SerializeError(int line, string code, string message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteNumber("line", line);
            writer.WriteStartObject("error");
            writer.WriteString("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteResult(Utf8JsonWriter writer, ScanResult result)
    {
        writer.WriteString("format", FormatName(result.Format));
        WriteNullable(writer, "symbologyIdentifier", result.SymbologyIdentifier);
        WriteNullable(writer, "productCode", result.ProductCode);
        WriteNullable(writer, "productCodeScheme", result.Scheme switch
        {
            ProductCodeScheme.Gtin => "GTIN",
            ProductCodeScheme.Ppn => "PPN",
            _ => null,
        });
        WriteNullable(writer, "serialNumber", result.SerialNumber);
        WriteNullable(writer, "batch", result.Batch);
        WriteNullable(writer, "expiry", result.Expiry);
        WriteNullable(writer, "expiryDate", result.ExpiryDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        WriteNullable(writer, "nhrn", result.Nhrn);
        WriteNullable(writer, "nhrnKey", result.NhrnKey);
        writer.WriteBoolean("complete", result.IsComplete);

        writer.WriteStartArray("elements");
        foreach (var element in result.Elements)
        {
            writer.WriteStartObject();
            writer.WriteString("key", Safe(element.Key));
            writer.WriteString("value", Safe(element.Value));
            writer.WriteNumber("position", element.Position);
            writer.WriteBoolean("fmd", element.KnownToFmd);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("problems");
        foreach (var problem in result.Problems)
        {
            writer.WriteStartObject();
            writer.WriteString("code", problem.Code.StableName());
            writer.WriteString("category", problem.Category.StableName());
            writer.WriteNumber("position", problem.Position);
            writer.WriteString("message", Safe(problem.Message));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("hints");
        foreach (var hint in result.Hints)
        {
            writer.WriteStartObject();
            writer.WriteString("code", hint.StableName);
            writer.WriteString("message", Safe(hint.Message));
            WriteNullable(writer, "suggestedReading", hint.SuggestedReading);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    internal static string FormatName(ScanFormat format) => format switch
    {
        ScanFormat.Gs1ElementString => "GS1_ELEMENT_STRING",
        ScanFormat.Gs1Hri => "GS1_HRI",
        ScanFormat.Iso15434Format05 => "ISO15434_FORMAT_05",
        ScanFormat.Iso15434Format06 => "ISO15434_FORMAT_06",
        ScanFormat.Gs1DigitalLink => "GS1_DIGITAL_LINK",
        _ => "UNKNOWN",
    };

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, Safe(value));
        }
    }

    /// <summary>JSON text must be valid Unicode: a lone surrogate from a damaged scan is written as U+FFFD.</summary>
    internal static string Safe(string value)
    {
        if (!value.Any(char.IsSurrogate))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else
            {
                builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return builder.ToString();
    }
}
