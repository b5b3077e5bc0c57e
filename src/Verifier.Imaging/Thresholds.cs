namespace Verifier.Imaging;

/// <summary>
/// Our own binarisations, complementing ZXing's Hybrid and GlobalHistogram binarisers on
/// low-contrast, unevenly lit photos. Each returns a pure black/white image (0/255), which any
/// ZXing binariser then passes through unchanged.
/// </summary>
internal static class Thresholds
{
    /// <summary>Maps the 1st..99th percentile onto 0..255: glare and shadows stop compressing the symbol's contrast.</summary>
    public static GrayImage Stretched(GrayImage image)
    {
        var histogram = Histogram(image);
        var (low, high) = (Percentile(histogram, image.Pixels.Length, 0.01), Percentile(histogram, image.Pixels.Length, 0.99));
        if (high - low < 8) return image;
        return image.Mapped(v => (byte)Math.Clamp((v - low) * 255 / (high - low), 0, 255));
    }

    /// <summary>Otsu's global threshold: the split that maximises between-class variance.</summary>
    public static GrayImage Otsu(GrayImage image)
    {
        var histogram = Histogram(image);
        long total = image.Pixels.Length;
        double sumAll = 0;
        for (var i = 0; i < 256; i++) sumAll += i * (double)histogram[i];
        double sumBelow = 0, bestVariance = -1;
        long countBelow = 0;
        var threshold = 128;
        for (var t = 0; t < 256; t++)
        {
            countBelow += histogram[t];
            if (countBelow == 0) continue;
            var countAbove = total - countBelow;
            if (countAbove == 0) break;
            sumBelow += t * (double)histogram[t];
            var meanBelow = sumBelow / countBelow;
            var meanAbove = (sumAll - sumBelow) / countAbove;
            var variance = (double)countBelow * countAbove * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (variance > bestVariance) (bestVariance, threshold) = (variance, t);
        }

        return image.Mapped(v => v <= threshold ? (byte)0 : (byte)255);
    }

    /// <summary>
    /// Local mean threshold over a square window (integral image, O(pixels)): a pixel is black
    /// when darker than its neighbourhood by <paramref name="offset"/>. Handles gradients of
    /// light across the pack that defeat any global threshold.
    /// </summary>
    public static GrayImage Adaptive(GrayImage image, int window, int offset)
    {
        int width = image.Width, height = image.Height;
        var integral = new long[(width + 1) * (height + 1)];
        for (var y = 0; y < height; y++)
        {
            long row = 0;
            for (var x = 0; x < width; x++)
            {
                row += image[x, y];
                integral[(y + 1) * (width + 1) + x + 1] = integral[y * (width + 1) + x + 1] + row;
            }
        }

        var half = Math.Max(1, window / 2);
        var result = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            int top = Math.Max(0, y - half), bottom = Math.Min(height, y + half + 1);
            for (var x = 0; x < width; x++)
            {
                int left = Math.Max(0, x - half), right = Math.Min(width, x + half + 1);
                var sum = integral[bottom * (width + 1) + right] - integral[top * (width + 1) + right]
                    - integral[bottom * (width + 1) + left] + integral[top * (width + 1) + left];
                var mean = sum / ((right - left) * (bottom - top));
                result[y * width + x] = image[x, y] + offset < mean ? (byte)0 : (byte)255;
            }
        }

        return image.WithPixels(result);
    }

    private static long[] Histogram(GrayImage image)
    {
        var histogram = new long[256];
        foreach (var v in image.Pixels) histogram[v]++;
        return histogram;
    }

    private static int Percentile(long[] histogram, long total, double fraction)
    {
        long seen = 0;
        for (var i = 0; i < 256; i++)
        {
            seen += histogram[i];
            if (seen >= total * fraction) return i;
        }

        return 255;
    }
}
