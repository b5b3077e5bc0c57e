using System.Buffers.Binary;
using SkiaSharp;

namespace Verifier.Imaging.Tests;

/// <summary>Large, hostile or empty input is refused with its reason, never decoded at any cost.</summary>
public sealed class LimitTests
{
    [Fact]
    public void Empty_bytes_are_refused() => AssertRejected(ImageRejection.Empty, []);

    [Fact]
    public void Bytes_that_are_no_image_are_refused() => AssertRejected(ImageRejection.Unreadable, "not an image at all"u8.ToArray());

    [Fact]
    public void More_bytes_than_the_limit_are_refused_before_decoding() =>
        AssertRejected(ImageRejection.TooManyBytes, Blank(64, 64), DecodeLimits.Default with { MaxBytes = 10 });

    [Fact]
    public void A_header_that_claims_a_pixel_bomb_is_refused_before_any_pixel_is_decoded()
    {
        // 100,000 × 100,000 pixels would need 40 GB; the header alone says so.
        var png = WithDimensions(Blank(8, 8), 100_000, 100_000);
        var rejected = AssertRejected(ImageRejection.TooManyPixels, png);
        Assert.Contains("100000×100000", rejected.Message);
    }

    [Fact]
    public void An_image_without_a_symbol_ends_with_no_symbol() => AssertRejected(ImageRejection.NoSymbol, Blank(200, 150));

    [Fact]
    public void Noise_never_decodes_to_a_text()
    {
        // Every pass, outline sampling at every size included, meets images that look busy but hold no symbol.
        var random = new Random(9);
        for (var i = 0; i < 2; i++)
        {
            using var bitmap = new SKBitmap(96, 96);
            for (var y = 0; y < 96; y++)
            {
                for (var x = 0; x < 96; x++) bitmap.SetPixel(x, y, random.Next(2) == 0 ? SKColors.Black : SKColors.White);
            }

            using var image = SKImage.FromBitmap(bitmap);
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            AssertRejected(ImageRejection.NoSymbol, png.ToArray(), DecodeLimits.Default with { TimeBudget = TimeSpan.FromSeconds(30) });
        }
    }

    [Fact]
    public void An_exhausted_time_budget_ends_the_search() =>
        AssertRejected(ImageRejection.TimeBudgetExhausted, Blank(200, 150), DecodeLimits.Default with { TimeBudget = TimeSpan.Zero });

    [Fact]
    public void A_truncated_file_is_read_as_far_as_it_goes()
    {
        var png = DataMatrixRenderer.RenderPng("0104150123456782\u001d21TRUNCATED", gs1: true, moduleSize: 6);
        var exception = Record.Exception(() => DataMatrixDecoder.Decode(png.AsSpan(0, png.Length / 2)));
        Assert.True(exception is null or ImageRejectedException, $"unexpected {exception}");
    }

    private static ImageRejectedException AssertRejected(ImageRejection reason, byte[] image, DecodeLimits? limits = null)
    {
        var rejected = Assert.Throws<ImageRejectedException>(() => DataMatrixDecoder.Decode(image, limits));
        Assert.Equal(reason, rejected.Reason);
        return rejected;
    }

    private static byte[] Blank(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.White);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Rewrites the IHDR chunk's width and height (bytes 16..23) and its CRC, so the header lies about the size.</summary>
    private static byte[] WithDimensions(byte[] png, int width, int height)
    {
        var result = (byte[])png.Clone();
        BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(29), Crc32(result.AsSpan(12, 17)));
        return result;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }

        return ~crc;
    }
}
