using SkiaSharp;

namespace Verifier.Imaging;

/// <summary>Encoded bytes to a grey image, enforcing the byte and pixel limits before the pixels are decoded.</summary>
internal static class ImageLoading
{
    public static GrayImage Load(ReadOnlySpan<byte> bytes, DecodeLimits limits)
    {
        if (bytes.IsEmpty) throw new ImageRejectedException(ImageRejection.Empty, "The image is empty.");
        if (bytes.Length > limits.MaxBytes)
        {
            throw new ImageRejectedException(ImageRejection.TooManyBytes, $"The image has {bytes.Length} bytes; at most {limits.MaxBytes} are accepted.");
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new ImageRejectedException(ImageRejection.Unreadable, "The image is not a PNG, JPEG or WebP file that can be read.");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if ((long)width * height > limits.MaxPixels)
        {
            throw new ImageRejectedException(
                ImageRejection.TooManyPixels, $"The image has {width}×{height} pixels; at most {limits.MaxPixels} pixels are accepted.");
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        bitmap.Erase(SKColors.White);
        var status = codec.GetPixels(info, bitmap.GetPixels());
        // A truncated file still yields its decoded rows; the rest stays white and may still hold the symbol.
        if (status is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new ImageRejectedException(ImageRejection.Unreadable, $"The image could not be decoded ({status}).");
        }

        return new GrayImage(width, height, Luminance(bitmap.GetPixelSpan(), width * height), SourceMap.Identity);
    }

    /// <summary>ITU-R BT.601 luma, composited over white: a transparent background reads as paper.</summary>
    private static byte[] Luminance(ReadOnlySpan<byte> rgba, int count)
    {
        var result = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var p = rgba.Slice(i * 4, 4);
            var luma = (p[0] * 299 + p[1] * 587 + p[2] * 114) / 1000;
            result[i] = (byte)((luma * p[3] + 255 * (255 - p[3])) / 255);
        }

        return result;
    }
}
