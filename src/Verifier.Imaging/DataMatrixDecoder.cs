using System.Diagnostics;

namespace Verifier.Imaging;

/// <summary>Reads the DataMatrix symbols in a photo or scan of a pack.</summary>
public static class DataMatrixDecoder
{
    /// <summary>
    /// Decodes <paramref name="image"/> (PNG, JPEG or WebP). Returns at least one symbol, or throws
    /// <see cref="ImageRejectedException"/> saying why not (limits, unreadable file, no symbol, time).
    /// </summary>
    public static IReadOnlyList<DecodedSymbol> Decode(ReadOnlySpan<byte> image, DecodeLimits? limits = null, CancellationToken cancellationToken = default)
    {
        limits ??= DecodeLimits.Default;
        var clock = Stopwatch.StartNew();
        var photo = ImageLoading.Load(image, limits);
        foreach (var pass in DecodePasses.For(photo))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (clock.Elapsed > limits.TimeBudget)
            {
                throw new ImageRejectedException(
                    ImageRejection.TimeBudgetExhausted, $"No DataMatrix was found within the time budget of {limits.TimeBudget.TotalSeconds:0.#} s.");
            }

            if (SymbolReading.Read(pass.Image, pass.Method) is { } symbol) return [symbol];
        }

        throw new ImageRejectedException(ImageRejection.NoSymbol, "No DataMatrix was found in the image.");
    }
}
