using System.Diagnostics;
using SkiaSharp;

namespace Verifier.Imaging.Tests;

/// <summary>
/// Symbols drawn by zxing-cpp's ZXingWriter, so the decoder is not only checked against our own
/// encoder. ZXingWriter 1.4 cannot start GS1 mode: GS1 element strings are written as text with
/// raw GS characters (what a pack printer without FNC1 support produces), and must come back exactly.
/// </summary>
public sealed class ZXingWriterRoundTripTests
{
    public static TheoryData<string> Texts => new()
    {
        "01041501234567821730123110DEMO-A1\u001d21LB4XDR1YCHCQ",
        "01041501234567821730123110B-1\u001d21" + RoundTripTests.Cset82[..20],
        "01041501234567821730123110B-2\u001d21" + RoundTripTests.Cset82[20..40],
        "01041501234567821730123110B-3\u001d21" + RoundTripTests.Cset82[40..60],
        "01041501234567821730123110B-4\u001d21" + RoundTripTests.Cset82[60..80],
        "01041501234567821730123110B-5\u001d21" + RoundTripTests.Cset82[80..],
        "Hello, pharmacy",
    };

    [ZXingWriterTheory]
    [MemberData(nameof(Texts))]
    public void A_ZXingWriter_symbol_decodes_to_the_input_rotated_inverted_and_at_two_pixels_per_module(string text)
    {
        var png = TwoPixelsPerModule(Write(text));
        foreach (var variant in ImageVariants.All(png))
        {
            var symbol = Assert.Single(DataMatrixDecoder.Decode(variant.Png));
            Assert.True(text == symbol.Text, $"{variant.Name}: decoded '{symbol.Text}'");
            Assert.False(symbol.Gs1);
        }
    }

    /// <summary>One pixel per module, two modules of quiet zone.</summary>
    private static byte[] Write(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"zxingwriter-{Guid.NewGuid():N}.png");
        try
        {
            var start = new ProcessStartInfo(ZXingWriterTheoryAttribute.Path) { ArgumentList = { "-size", "1x1", "-margin", "2", "DataMatrix", text, path } };
            using var process = Process.Start(start)!;
            Assert.True(process.WaitForExit(10_000), "ZXingWriter did not finish");
            Assert.Equal(0, process.ExitCode);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] TwoPixelsPerModule(byte[] png)
    {
        using var original = SKBitmap.Decode(png);
        using var scaled = original.Resize(new SKImageInfo(original.Width * 2, original.Height * 2), new SKSamplingOptions(SKFilterMode.Nearest));
        using var image = SKImage.FromBitmap(scaled);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
