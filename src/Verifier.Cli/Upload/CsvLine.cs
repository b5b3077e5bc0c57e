using System.Text;

namespace Verifier.Cli.Upload;

/// <summary>
/// RFC 4180 fields of one line. Serials may contain ',' and '"' (both are in GS1 character set 82),
/// so such fields are quoted; a line never spans lines, as no allowed character is a line break.
/// </summary>
internal static class CsvLine
{
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') field.Append(line[++i]);
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else field.Append(c);
        }
        if (quoted) throw new FormatException("a quoted field is not closed");
        fields.Add(field.ToString());
        return fields;
    }

    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
