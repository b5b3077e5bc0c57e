using System.Text.Json;

namespace Verifier.Imaging.Tests;

/// <summary>One corpus image with the text it must decode to.</summary>
internal sealed record CorpusImage(string Name, string Path, string ExpectedText, bool Gs1);

/// <summary>The zxing-cpp DataMatrix sample set in ../shared/corpus/datamatrix (manifest.jsonl).</summary>
internal static class DataMatrixCorpus
{
    public static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Verifier.sln"))) continue;
            var corpus = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus", "datamatrix"));
            return File.Exists(Path.Combine(corpus, "manifest.jsonl")) ? corpus : null;
        }

        return null;
    }

    /// <summary>The images with an expected text (the two with only expected bytes have no text to compare).</summary>
    public static IReadOnlyList<CorpusImage> Images()
    {
        var root = Locate() ?? throw new InvalidOperationException("corpus absent");
        return File.ReadLines(Path.Combine(root, "manifest.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(row => row.TryGetProperty("expected_text", out _))
            .Select(row => new CorpusImage(
                row.GetProperty("image").GetString()!,
                Path.Combine(root, row.GetProperty("image").GetString()!),
                row.GetProperty("expected_text").GetString()!,
                row.GetProperty("gs1").GetBoolean()))
            .ToList();
    }
}
