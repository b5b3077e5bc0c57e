using SkiaSharp;

namespace Verifier.Imaging.Tests;

/// <summary>A PNG turned and inverted, as a pack may be photographed.</summary>
internal static class ImageVariants
{
    public static IEnumerable<(string Name, byte[] Png)> All(byte[] png)
    {
        using var original = SKBitmap.Decode(png);
        foreach (var degrees in (int[])[0, 90, 180, 270])
        {
            yield return ($"rotated {degrees}", Encode(Rotated(original, degrees), invert: false));
            yield return ($"rotated {degrees}, inverted", Encode(Rotated(original, degrees), invert: true));
        }
    }

    private static SKBitmap Rotated(SKBitmap source, int degrees)
    {
        var swap = degrees % 180 != 0;
        var result = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height);
        using var canvas = new SKCanvas(result);
        canvas.Translate(result.Width / 2f, result.Height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-source.Width / 2f, -source.Height / 2f);
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }

    private static byte[] Encode(SKBitmap bitmap, bool invert)
    {
        using (bitmap)
        {
            if (invert)
            {
                for (var y = 0; y < bitmap.Height; y++)
                {
                    for (var x = 0; x < bitmap.Width; x++)
                    {
                        var c = bitmap.GetPixel(x, y);
                        bitmap.SetPixel(x, y, new SKColor((byte)(255 - c.Red), (byte)(255 - c.Green), (byte)(255 - c.Blue)));
                    }
                }
            }

            using var image = SKImage.FromBitmap(bitmap);
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            return data.ToArray();
        }
    }
}
