using System.Diagnostics;
using Xunit.Abstractions;

namespace Verifier.Imaging.Tests;

/// <summary>
/// The decode rate on real, deliberately hard images (zxing-cpp's samples). Prints rate and
/// times (never asserted: the machine is shared); asserts that no image ever yields a wrong text.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    /// <summary>Measured 82 of 91 at the time of writing; the floor leaves a small margin for platform differences.</summary>
    private const int DecodedFloor = 80;

    /// <summary>
    /// Generous, so the count does not depend on the machine's load; the report says how many
    /// images needed more than the production default.
    /// </summary>
    private static readonly DecodeLimits Limits = DecodeLimits.Default with { TimeBudget = TimeSpan.FromSeconds(15) };

    [CorpusFact]
    public void Corpus_decodes_at_least_the_floor_and_never_a_wrong_text()
    {
        var images = DataMatrixCorpus.Images();
        var times = new List<double>();
        var (decoded, wrong, decodedWithinDefault) = (0, new List<string>(), 0);
        var total = Stopwatch.StartNew();
        foreach (var image in images)
        {
            var clock = Stopwatch.StartNew();
            string outcome;
            try
            {
                var symbol = DataMatrixDecoder.Decode(File.ReadAllBytes(image.Path), Limits)[0];
                if (symbol.Text == image.ExpectedText)
                {
                    decoded++;
                    if (clock.Elapsed <= DecodeLimits.Default.TimeBudget) decodedWithinDefault++;
                    outcome = "ok";
                }
                else
                {
                    wrong.Add(image.Name);
                    outcome = $"WRONG {Escaped(symbol.Text)}";
                }
            }
            catch (ImageRejectedException e)
            {
                outcome = e.Code;
            }

            times.Add(clock.Elapsed.TotalMilliseconds);
            output.WriteLine($"{clock.Elapsed.TotalMilliseconds,8:0} ms  {image.Name}: {outcome}");
        }

        times.Sort();
        var overDefault = times.Count(t => t > DecodeLimits.Default.TimeBudget.TotalMilliseconds);
        output.WriteLine(
            $"decoded {decoded} of {images.Count} ({decodedWithinDefault} within the default budget), wrong {wrong.Count}; per image median {times[times.Count / 2]:0} ms, max {times[^1]:0} ms, " +
            $"{overDefault} over the default budget of {DecodeLimits.Default.TimeBudget.TotalSeconds:0} s; corpus {total.Elapsed.TotalSeconds:0.0} s");
        Assert.Empty(wrong);
        Assert.True(decoded >= DecodedFloor, $"decoded {decoded} of {images.Count}, below the floor {DecodedFloor}");
    }

    private static string Escaped(string text) => string.Concat(text.Take(60).Select(c => c < ' ' ? $"\\x{(int)c:X2}" : c.ToString()));
}
