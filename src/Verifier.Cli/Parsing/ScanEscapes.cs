using System.Globalization;
using System.Text;

namespace Verifier.Cli.Parsing;

/// <summary>
/// Lets people type control characters in a shell: \x1D, \u001D, \\ and the names the report
/// prints (&lt;GS&gt;, &lt;RS&gt;, &lt;EOT&gt;).
/// </summary>
internal static class ScanEscapes
{
    private static readonly (string Name, char Character)[] Names =
    [
        ("<GS>", '\u001D'),
        ("<RS>", '\u001E'),
        ("<EOT>", '\u0004'),
    ];

    public static bool TryUnescape(string text, out string unescaped, out string error)
    {
        var builder = new StringBuilder(text.Length);
        error = string.Empty;
        for (var i = 0; i < text.Length; i++)
        {
            var named = Array.Find(Names, n => string.CompareOrdinal(text, i, n.Name, 0, n.Name.Length) == 0);
            if (named.Name is not null)
            {
                builder.Append(named.Character);
                i += named.Name.Length - 1;
                continue;
            }

            if (text[i] != '\\')
            {
                builder.Append(text[i]);
                continue;
            }

            var digits = i + 1 < text.Length ? text[i + 1] switch { 'x' => 2, 'u' => 4, _ => 0 } : 0;
            if (i + 1 < text.Length && text[i + 1] == '\\')
            {
                builder.Append('\\');
                i++;
            }
            else if (digits > 0 && i + 2 + digits <= text.Length
                && int.TryParse(text.AsSpan(i + 2, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                i += 1 + digits;
            }
            else
            {
                unescaped = string.Empty;
                error = $"invalid escape at position {i}: use \\xHH, \\uHHHH or \\\\";
                return false;
            }
        }

        unescaped = builder.ToString();
        return true;
    }
}
