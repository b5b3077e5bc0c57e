namespace Verifier.Imaging;

/// <summary>
/// Bounds on the work one image may cause, so a large or hostile upload is refused with a clear
/// reason instead of exhausting memory or CPU.
/// </summary>
/// <param name="MaxBytes">Largest encoded image accepted.</param>
/// <param name="MaxPixels">Largest width × height accepted, checked from the header before any pixel is decoded.</param>
/// <param name="TimeBudget">Wall time after which no further decoding pass starts.</param>
public sealed record DecodeLimits(int MaxBytes, long MaxPixels, TimeSpan TimeBudget)
{
    /// <summary>3 MiB, 40 megapixels, 3 s: a phone photo fits, a pixel bomb does not.</summary>
    public static DecodeLimits Default { get; } = new(3 * 1024 * 1024, 40_000_000, TimeSpan.FromSeconds(3));
}
