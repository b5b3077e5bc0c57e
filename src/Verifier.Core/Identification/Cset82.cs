namespace Verifier.Core.Identification;

// Placeholder until the parser branch lands; replaced by the full implementation there.
/// <summary>GS1 AI encodable character set 82: the characters allowed in AI 10 and 21 values.</summary>
public static class Cset82
{
    private const string Punctuation = "!\"%&'()*+,-./:;<=>?_";

    public static bool IsValid(string value)
    {
        foreach (var c in value)
        {
            if (!IsAllowed(c)) return false;
        }
        return value.Length > 0;
    }

    public static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || Punctuation.Contains(c);
}
