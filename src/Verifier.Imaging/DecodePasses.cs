namespace Verifier.Imaging;

/// <summary>A prepared image and how to read it.</summary>
internal sealed record DecodePass(string Name, GrayImage Image, ReadingMethod Method);

/// <summary>
/// The order in which variants of a photo are tried: cheap, likely passes first, so an easy image
/// costs one read, and the expensive ones (own thresholds and outline reading, rescaling, crops,
/// mirroring, quarter turns) only run while the time budget lasts. Lazy: a variant is computed only when its pass is reached.
/// </summary>
internal static class DecodePasses
{
    /// <summary>Above this longer side a photo is first reduced: ZXing gains nothing from more pixels per module than ~10.</summary>
    private const int WorkingSide = 1600;

    public static IEnumerable<DecodePass> For(GrayImage photo)
    {
        var longer = Math.Max(photo.Width, photo.Height);
        var working = longer > WorkingSide ? photo.Scaled((double)WorkingSide / longer) : photo;
        var margin = Math.Max(8, Math.Min(working.Width, working.Height) / 10);

        var padded = working.Padded(margin);
        yield return new("hybrid", padded, ReadingMethod.Hybrid);
        yield return new("global", padded, ReadingMethod.GlobalHistogram);
        var inverted = padded.Inverted();
        yield return new("inverted hybrid", inverted, ReadingMethod.Hybrid);
        yield return new("inverted global", inverted, ReadingMethod.GlobalHistogram);

        yield return new("pure", working, ReadingMethod.PureSymbol);
        foreach (var pass in Thresholded("", working, margin)) yield return pass;

        foreach (var factor in RescaleFactors(working))
        {
            var scaled = working.Scaled(factor);
            var scaledMargin = (int)(margin * factor);
            var scaledPadded = scaled.Padded(scaledMargin);
            yield return new($"x{factor} hybrid", scaledPadded, ReadingMethod.Hybrid);
            yield return new($"x{factor} global", scaledPadded, ReadingMethod.GlobalHistogram);
            yield return new($"x{factor} inverted hybrid", scaledPadded.Inverted(), ReadingMethod.Hybrid);
            foreach (var pass in Thresholded($"x{factor} ", scaled, scaledMargin)) yield return pass;
        }

        foreach (var region in CandidateRegions.Find(working))
        {
            var crop = working.Cropped(region.Left, region.Top, region.Width, region.Height);
            // Enlarged towards ~400 px: the detector then sees several pixels per module even in a small crop.
            var cropScaled = Math.Max(crop.Width, crop.Height) < 400 ? crop.Scaled(400.0 / Math.Max(crop.Width, crop.Height)) : crop;
            var cropMargin = Math.Max(8, Math.Min(cropScaled.Width, cropScaled.Height) / 10);
            var cropPadded = cropScaled.Padded(cropMargin);
            var name = $"crop {region.Left},{region.Top} {region.Width}x{region.Height}";
            yield return new($"{name} hybrid", cropPadded, ReadingMethod.Hybrid);
            yield return new($"{name} global", cropPadded, ReadingMethod.GlobalHistogram);
            yield return new($"{name} inverted hybrid", cropPadded.Inverted(), ReadingMethod.Hybrid);
            foreach (var pass in Thresholded(name + " ", cropScaled, cropMargin)) yield return pass;
        }

        var mirrored = padded.Mirrored();
        yield return new("mirrored hybrid", mirrored, ReadingMethod.Hybrid);
        yield return new("mirrored global", mirrored, ReadingMethod.GlobalHistogram);

        for (var turns = 1; turns < 4; turns++)
        {
            var rotated = padded.Rotated(turns);
            yield return new($"rotated {turns * 90} hybrid", rotated, ReadingMethod.Hybrid);
            yield return new($"rotated {turns * 90} global", rotated, ReadingMethod.GlobalHistogram);
        }
    }

    /// <summary>Contrast stretch, then Otsu and local-mean thresholds, each also inverted (light-on-dark marking).</summary>
    private static IEnumerable<DecodePass> Thresholded(string prefix, GrayImage image, int margin)
    {
        var stretched = Thresholds.Stretched(image);
        var otsu = Thresholds.Otsu(stretched).Padded(margin);
        yield return new(prefix + "otsu", otsu, ReadingMethod.GlobalHistogram);
        yield return new(prefix + "inverted otsu", otsu.Inverted(), ReadingMethod.GlobalHistogram);
        yield return new(prefix + "otsu outline", otsu, ReadingMethod.Outline);
        foreach (var divisor in (int[])[8, 24])
        {
            var window = Math.Max(7, Math.Min(image.Width, image.Height) / divisor);
            var adaptive = Thresholds.Adaptive(stretched, window, 4).Padded(margin);
            yield return new($"{prefix}adaptive/{divisor}", adaptive, ReadingMethod.GlobalHistogram);
            yield return new($"{prefix}inverted adaptive/{divisor}", Thresholds.Adaptive(stretched.Inverted(), window, 4).Padded(margin), ReadingMethod.GlobalHistogram);
            yield return new($"{prefix}adaptive/{divisor} outline", adaptive, ReadingMethod.Outline);
        }
    }

    /// <summary>Small images are enlarged (the detector needs several pixels per module), large ones reduced (noise, blur).</summary>
    private static IEnumerable<double> RescaleFactors(GrayImage image)
    {
        var longer = Math.Max(image.Width, image.Height);
        if (longer < 800) yield return 2;
        if (longer < 400) yield return 3;
        if (longer > 300) yield return 0.5;
        if (longer > 900) yield return 0.25;
    }
}
