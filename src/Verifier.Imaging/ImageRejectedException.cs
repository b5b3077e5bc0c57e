namespace Verifier.Imaging;

/// <summary>Why an image gave no symbol; the stable names travel in gRPC trailers and CLI JSON.</summary>
public enum ImageRejection
{
    /// <summary>No bytes at all.</summary>
    Empty,

    /// <summary>More bytes than <see cref="DecodeLimits.MaxBytes"/>.</summary>
    TooManyBytes,

    /// <summary>More pixels than <see cref="DecodeLimits.MaxPixels"/>.</summary>
    TooManyPixels,

    /// <summary>Not a PNG, JPEG or WebP image SkiaSharp can read.</summary>
    Unreadable,

    /// <summary>Every decoding pass ran and none found a DataMatrix.</summary>
    NoSymbol,

    /// <summary>The time budget ran out before a DataMatrix was found.</summary>
    TimeBudgetExhausted,
}

/// <summary>The image was refused or holds no readable DataMatrix.</summary>
public sealed class ImageRejectedException(ImageRejection reason, string message) : Exception(message)
{
    public ImageRejection Reason { get; } = reason;

    /// <summary>Stable code, e.g. NO_SYMBOL, TOO_MANY_PIXELS.</summary>
    public string Code => Reason switch
    {
        ImageRejection.Empty => "EMPTY_IMAGE",
        ImageRejection.TooManyBytes => "TOO_MANY_BYTES",
        ImageRejection.TooManyPixels => "TOO_MANY_PIXELS",
        ImageRejection.Unreadable => "UNREADABLE_IMAGE",
        ImageRejection.NoSymbol => "NO_SYMBOL",
        ImageRejection.TimeBudgetExhausted => "TIME_BUDGET_EXHAUSTED",
        _ => throw new ArgumentOutOfRangeException(nameof(Reason)),
    };
}
