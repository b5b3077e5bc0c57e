namespace Verifier.Core.Tests.Identification.Conformance;

/// <summary>
/// Finds the shared GS1 corpus (<c>../shared/corpus/gs1</c> next to the repository) by walking up
/// from the test binaries. Clones elsewhere (CI) may not have it; tests then skip.
/// </summary>
internal static class CorpusLocation
{
    private static readonly Lazy<string?> Found = new(Search);

    public static string? Gs1Directory => Found.Value;

    public const string SkipReason = "GS1 corpus not found: no shared/corpus/gs1 folder above the test binaries (expected at ../shared/corpus/gs1 beside the repository)";

    private static string? Search()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "corpus", "gs1");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>
/// A fact that is reported as skipped, with the reason, when the corpus is absent. xunit 2 has
/// no dynamic skip, but an attribute may set <see cref="FactAttribute.Skip"/> while tests are discovered.
/// </summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (CorpusLocation.Gs1Directory is null)
        {
            Skip = CorpusLocation.SkipReason;
        }
    }
}
