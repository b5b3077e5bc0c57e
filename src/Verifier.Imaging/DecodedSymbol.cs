namespace Verifier.Imaging;

/// <summary>A point in the source image's pixel coordinates (origin top-left).</summary>
public readonly record struct ImagePoint(float X, float Y);

/// <summary>
/// One DataMatrix symbol read from an image.
/// </summary>
/// <param name="Text">The decoded data: GS1 FNC1 separators as GS (0x1D), ECI segments decoded in their character set.</param>
/// <param name="Gs1">The symbol starts with FNC1 (symbology identifier ]d2): a GS1 element string.</param>
/// <param name="Corners">The symbol's corners as the detector found them, in the order ZXing reports them.</param>
public sealed record DecodedSymbol(string Text, bool Gs1, IReadOnlyList<ImagePoint> Corners)
{
    /// <summary>The text as a scanner sends it, with the AIM symbology identifier (]d2 for GS1, ]d1 otherwise).</summary>
    public string ScannerText => (Gs1 ? "]d2" : "]d1") + Text;
}
