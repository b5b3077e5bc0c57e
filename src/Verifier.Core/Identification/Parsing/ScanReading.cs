namespace Verifier.Core.Identification.Parsing;

/// <summary>What the readers have found so far in one scan; turned into a <see cref="ScanResult"/> at the end.</summary>
internal sealed class ScanReading(string text)
{
    // Garbage can produce a problem per character; a few dozen say all there is to say.
    private const int MaxProblems = 50;

    public string Text { get; } = text;

    public ScanFormat Format { get; set; }

    public string? SymbologyIdentifier { get; set; }

    public List<ScanElement> Elements { get; } = [];

    public List<ScanProblem> Problems { get; } = [];

    public List<ScanHint> Hints { get; } = [];

    public void AddElement(string key, string value, int position, bool knownToFmd) =>
        Elements.Add(new ScanElement(key, value, position, knownToFmd));

    public void AddProblem(ScanProblemCode code, int position, string message)
    {
        if (Problems.Count < MaxProblems)
        {
            Problems.Add(new ScanProblem(code, position, message));
        }
    }

    public bool HasProblem(ScanProblemCode code) => Problems.Exists(p => p.Code == code);
}
