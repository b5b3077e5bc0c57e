namespace Verifier.Core.Identification;

/// <summary>
/// GS1 AI encodable character set 82 (GS1 General Specifications figure 7.11-1): the 82
/// characters allowed in alphanumeric AIs such as batch (10) and serial (21).
/// </summary>
public static class Cset82
{
    private const string Punctuation = "!\"%&'()*+,-./:;<=>?_";

    public static bool IsValid(string? value) => value is not null && IndexOfInvalid(value) < 0;

    public static bool Contains(char c) =>
        char.IsAsciiLetterOrDigit(c) || Punctuation.Contains(c, StringComparison.Ordinal);

    /// <summary>Offset of the first character outside CSET 82, or -1.</summary>
    public static int IndexOfInvalid(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (!Contains(value[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
