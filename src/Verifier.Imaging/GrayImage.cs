namespace Verifier.Imaging;

/// <summary>
/// An 8-bit grey image plus the map from its pixels back to the source photo, so every pass
/// (scaled, rotated, cropped, thresholded) reports corners in the caller's coordinates.
/// </summary>
internal sealed class GrayImage(int width, int height, byte[] pixels, SourceMap toSource)
{
    public int Width { get; } = width;
    public int Height { get; } = height;

    /// <summary>Row-major luminance, 0 = black.</summary>
    public byte[] Pixels { get; } = pixels;

    public SourceMap ToSource { get; } = toSource;

    public byte this[int x, int y] => Pixels[y * Width + x];

    /// <summary>Bilinear resampling for enlargement, box averaging for reduction (no aliasing of small modules).</summary>
    public GrayImage Scaled(double factor)
    {
        var width = Math.Max(1, (int)Math.Round(Width * factor));
        var height = Math.Max(1, (int)Math.Round(Height * factor));
        var result = new byte[width * height];
        var sx = (double)Width / width;
        var sy = (double)Height / height;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                result[y * width + x] = factor < 1 ? BoxAverage(x * sx, y * sy, sx, sy) : Bilinear((x + 0.5) * sx - 0.5, (y + 0.5) * sy - 0.5);
            }
        }

        return new GrayImage(width, height, result, ToSource.Then(SourceMap.Scale(sx, sy)));
    }

    /// <summary>Turned clockwise by 90° <paramref name="quarterTurns"/> times.</summary>
    public GrayImage Rotated(int quarterTurns)
    {
        var turns = ((quarterTurns % 4) + 4) % 4;
        if (turns == 0) return this;
        var (width, height) = turns == 2 ? (Width, Height) : (Height, Width);
        var result = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (ox, oy) = turns switch
                {
                    1 => (y, Height - 1 - x),
                    2 => (Width - 1 - x, Height - 1 - y),
                    _ => (Width - 1 - y, x),
                };
                result[y * width + x] = this[ox, oy];
            }
        }

        var back = turns switch
        {
            1 => new SourceMap(0, 1, 0, -1, 0, Height - 1),
            2 => new SourceMap(-1, 0, Width - 1, 0, -1, Height - 1),
            _ => new SourceMap(0, -1, Width - 1, 1, 0, 0),
        };
        return new GrayImage(width, height, result, ToSource.Then(back));
    }

    /// <summary>Flipped left to right: a symbol printed on the back of transparent film, or photographed in a mirror.</summary>
    public GrayImage Mirrored()
    {
        var result = new byte[Pixels.Length];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++) result[y * Width + x] = this[Width - 1 - x, y];
        }

        return new GrayImage(Width, Height, result, ToSource.Then(new SourceMap(-1, 0, Width - 1, 0, 1, 0)));
    }

    public GrayImage Inverted() => Mapped(static v => (byte)(255 - v));

    /// <summary>The rectangle clamped to the image.</summary>
    public GrayImage Cropped(int left, int top, int width, int height)
    {
        left = Math.Clamp(left, 0, Width - 1);
        top = Math.Clamp(top, 0, Height - 1);
        width = Math.Clamp(width, 1, Width - left);
        height = Math.Clamp(height, 1, Height - top);
        var result = new byte[width * height];
        for (var y = 0; y < height; y++) Array.Copy(Pixels, (top + y) * Width + left, result, y * width, width);
        return new GrayImage(width, height, result, ToSource.Then(SourceMap.Translate(left, top)));
    }

    /// <summary>
    /// A border of the image's own background: ZXing's detector needs a quiet zone, and synthetic
    /// or tightly cropped symbols often have none.
    /// </summary>
    public GrayImage Padded(int margin)
    {
        var background = BorderBackground();
        var width = Width + 2 * margin;
        var height = Height + 2 * margin;
        var result = new byte[width * height];
        Array.Fill(result, background);
        for (var y = 0; y < Height; y++) Array.Copy(Pixels, y * Width, result, (y + margin) * width + margin, Width);
        return new GrayImage(width, height, result, ToSource.Then(SourceMap.Translate(-margin, -margin)));
    }

    public GrayImage Mapped(Func<byte, byte> map)
    {
        var table = new byte[256];
        for (var i = 0; i < 256; i++) table[i] = map((byte)i);
        var result = new byte[Pixels.Length];
        for (var i = 0; i < result.Length; i++) result[i] = table[Pixels[i]];
        return new GrayImage(Width, Height, result, ToSource);
    }

    public GrayImage WithPixels(byte[] pixels) => new(Width, Height, pixels, ToSource);

    /// <summary>Black or white, whichever the outermost pixels mostly are: a quiet zone must continue the background.</summary>
    private byte BorderBackground()
    {
        long sum = 0;
        for (var x = 0; x < Width; x++) sum += this[x, 0] + this[x, Height - 1];
        for (var y = 0; y < Height; y++) sum += this[0, y] + this[Width - 1, y];
        return sum / (2.0 * (Width + Height)) >= 128 ? (byte)255 : (byte)0;
    }

    private byte BoxAverage(double x0, double y0, double w, double h)
    {
        var left = (int)x0;
        var top = (int)y0;
        var right = Math.Min(Width, Math.Max(left + 1, (int)(x0 + w)));
        var bottom = Math.Min(Height, Math.Max(top + 1, (int)(y0 + h)));
        var sum = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++) sum += this[x, y];
        }

        return (byte)(sum / ((right - left) * (bottom - top)));
    }

    private byte Bilinear(double x, double y)
    {
        x = Math.Clamp(x, 0, Width - 1);
        y = Math.Clamp(y, 0, Height - 1);
        var x0 = (int)x;
        var y0 = (int)y;
        var x1 = Math.Min(x0 + 1, Width - 1);
        var y1 = Math.Min(y0 + 1, Height - 1);
        var fx = x - x0;
        var fy = y - y0;
        var top = this[x0, y0] * (1 - fx) + this[x1, y0] * fx;
        var bottom = this[x0, y1] * (1 - fx) + this[x1, y1] * fx;
        return (byte)Math.Round(top * (1 - fy) + bottom * fy);
    }
}

/// <summary>Affine map from a derived image's coordinates to the source photo's: source = (A·x + B·y + C, D·x + E·y + F).</summary>
internal readonly record struct SourceMap(double A, double B, double C, double D, double E, double F)
{
    public static SourceMap Identity { get; } = new(1, 0, 0, 0, 1, 0);

    public static SourceMap Scale(double sx, double sy) => new(sx, 0, 0, 0, sy, 0);

    public static SourceMap Translate(double dx, double dy) => new(1, 0, dx, 0, 1, dy);

    /// <summary>This map applied after <paramref name="inner"/> (inner maps the new image into this one's).</summary>
    public SourceMap Then(SourceMap inner) => new(
        A * inner.A + B * inner.D, A * inner.B + B * inner.E, A * inner.C + B * inner.F + C,
        D * inner.A + E * inner.D, D * inner.B + E * inner.E, D * inner.C + E * inner.F + F);

    public ImagePoint Apply(float x, float y) => new((float)(A * x + B * y + C), (float)(D * x + E * y + F));
}
