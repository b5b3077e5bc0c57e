using System.Text;

namespace Verifier.Cli.Parsing;

/// <summary>Shows scan text on a terminal: control characters as &lt;GS&gt;, &lt;RS&gt;, &lt;EOT&gt;, &lt;U+0000&gt;.</summary>
internal static class VisibleText
{
    public static string Show(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\u001D' => "<GS>",
                '\u001E' => "<RS>",
                '\u0004' => "<EOT>",
                _ when char.IsControl(c) || char.IsSurrogate(c) => $"<U+{(int)c:X4}>",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
