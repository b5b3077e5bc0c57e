using System.Text.Json;
using Verifier.Core.Identification;

namespace Verifier.Cli.Parsing;

/// <summary>
/// Batch mode: one request object per input line, one result object per output line, in order.
/// A bad line yields an error object and processing continues.
/// </summary>
internal static class JsonLines
{
    public static void Process(StandardInput input, TextWriter output)
    {
        var number = 0;
        while (input.ReadLine() is { } line)
        {
            number++;
            if (line.TooLong)
            {
                output.WriteLine(ScanJson.SerializeError(number, "LINE_TOO_LONG", $"the line exceeds {StandardInput.MaxLineLength} characters"));
                continue;
            }

            // Blank lines (e.g. a trailing empty line) carry no request.
            if (string.IsNullOrWhiteSpace(line.Text))
            {
                continue;
            }

            output.WriteLine(Answer(number, line.Text));
        }
    }

    internal static string Answer(int number, string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException exception)
        {
            return ScanJson.SerializeError(number, "INVALID_JSON", $"not valid JSON: {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("scan", out var scanProperty)
                || scanProperty.ValueKind != JsonValueKind.String)
            {
                return ScanJson.SerializeError(number, "MISSING_SCAN", "expected an object with a string property \"scan\"");
            }

            string scan;
            try
            {
                scan = scanProperty.GetString()!;
            }
            catch (InvalidOperationException exception)
            {
                // e.g. an escaped lone surrogate ("\ud800") that cannot become a .NET string.
                return ScanJson.SerializeError(number, "INVALID_JSON", $"the scan is not valid Unicode text: {exception.Message}");
            }

            JsonElement? id = root.TryGetProperty("id", out var idProperty) ? idProperty.Clone() : null;
            return ScanJson.Serialize(ScanParser.Parse(scan), number, id);
        }
    }
}
