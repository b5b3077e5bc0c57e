using SkiaSharp;

namespace Verifier.Imaging.Tests;

/// <summary>Unique identifiers rendered by the project decode to exactly the input, in every orientation, inverted and at 2 px per module.</summary>
public sealed class RoundTripTests
{
    /// <summary>GS1 character set 82: every character a serial number may contain.</summary>
    public const string Cset82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    public static TheoryData<string, bool> Identifiers => new()
    {
        { "010415012345678217301231" + "10DEMO-A1\u001d21LB4XDR1YCHCQ", true },
        // Serials of 20 characters that together use all of CSET 82.
        { "01041501234567821730123110B-1\u001d21" + Cset82[..20], true },
        { "01041501234567821730123110B-2\u001d21" + Cset82[20..40], true },
        { "01041501234567821730123110B-3\u001d21" + Cset82[40..60], true },
        { "01041501234567821730123110B-4\u001d21" + Cset82[60..80], true },
        { "01041501234567821730123110B-5\u001d21" + Cset82[80..] + "\u001d7109870000000000", true },
        { "Plain text, not GS1", false },
    };

    [Theory]
    [MemberData(nameof(Identifiers))]
    public void A_rendered_identifier_decodes_to_the_input_in_every_orientation_and_inverted_at_two_pixels_per_module(string text, bool gs1)
    {
        var png = DataMatrixRenderer.RenderPng(text, gs1, moduleSize: 2);
        foreach (var variant in ImageVariants.All(png))
        {
            var symbol = Assert.Single(DataMatrixDecoder.Decode(variant.Png));
            Assert.True(text == symbol.Text, $"{variant.Name}: decoded '{symbol.Text}'");
            Assert.Equal(gs1, symbol.Gs1);
            Assert.Equal(4, symbol.Corners.Count);
        }
    }

    [Fact]
    public void Corners_are_in_the_source_image_coordinates()
    {
        var png = DataMatrixRenderer.RenderPng("0104150123456782\u001d21ABC", gs1: true, moduleSize: 10);
        var symbol = DataMatrixDecoder.Decode(png)[0];
        using var bitmap = SKBitmap.Decode(png);
        // The symbol sits inside a 2-module quiet zone: every corner is within the image, none in the quiet zone's outer half.
        Assert.All(symbol.Corners, c =>
        {
            Assert.InRange(c.X, 10, bitmap.Width - 10);
            Assert.InRange(c.Y, 10, bitmap.Height - 10);
        });
    }
}
