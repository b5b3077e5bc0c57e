using ZXing;
using ZXing.Common;
using ZXing.Datamatrix;

namespace Verifier.Imaging;

/// <summary>How a prepared image is read. ZXing's binarisers apply to any image; ours (<see cref="Thresholds"/>) arrive as already black/white images.</summary>
internal enum ReadingMethod
{
    /// <summary>ZXing's local block thresholds: the best default for photos.</summary>
    Hybrid,

    /// <summary>ZXing's one global threshold: better for small, evenly lit or pre-thresholded images.</summary>
    GlobalHistogram,

    /// <summary>Global threshold, and the image is the symbol alone and axis-aligned (renders, tight crops): no detector needed.</summary>
    PureSymbol,

    /// <summary>The image is black/white: outline the dark object and sample it at every symbol size (<see cref="GridDecoding"/>).</summary>
    Outline,
}

/// <summary>One ZXing DataMatrix read of one prepared image.</summary>
internal static class SymbolReading
{
    private static readonly Dictionary<DecodeHintType, object> Hints = new() { [DecodeHintType.TRY_HARDER] = true };
    private static readonly Dictionary<DecodeHintType, object> PureHints = new() { [DecodeHintType.PURE_BARCODE] = true };

    static SymbolReading()
    {
        // ECI segments name ISO-8859-x and Windows code pages, which .NET only knows with this provider;
        // without it ZXing.Net turns their characters into U+FFFD.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
    }

    public static DecodedSymbol? Read(GrayImage image, ReadingMethod method)
    {
        if (method == ReadingMethod.Outline) return SymbolOutline.Find(image) is { } outline ? GridDecoding.TryRead(image, outline) : null;

        var source = new GrayLuminanceSource(image);
        Binarizer binarizer = method == ReadingMethod.Hybrid ? new HybridBinarizer(source) : new GlobalHistogramBinarizer(source);
        Result? result;
        try
        {
            result = new DataMatrixReader().decode(new BinaryBitmap(binarizer), method == ReadingMethod.PureSymbol ? PureHints : Hints);
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            // ZXing.Net signals some malformed bit streams by exceptions rather than null.
            return null;
        }

        if (result?.Text is null) return null;
        var corners = (method == ReadingMethod.PureSymbol ? EnclosingCorners(binarizer) : result.ResultPoints ?? [])
            .Select(p => image.ToSource.Apply(p.X, p.Y)).ToList();
        var gs1 = result.ResultMetadata is { } metadata
            && metadata.TryGetValue(ResultMetadataType.SYMBOLOGY_IDENTIFIER, out var identifier)
            && identifier is "]d2" or "]d5";
        return FromDecoded(result.Text, gs1, corners);
    }

    /// <summary>ZXing's text as a symbol, or null when it cannot be a pack's data.</summary>
    /// <param name="gs1">AIM modifier 2 (GS1) or 5 (GS1 with ECI): FNC1 came first.</param>
    public static DecodedSymbol? FromDecoded(string text, bool gs1, IReadOnlyList<ImagePoint> corners)
    {
        // A replacement character means bytes that fit no character set: a misread, never a pack's data.
        if (text.Contains('\uFFFD')) return null;
        // ZXing.Net renders the leading FNC1 that marks GS1 mode as a GS; a scanner reports it as ]d2 instead.
        return new DecodedSymbol(gs1 && text.StartsWith('\u001d') ? text[1..] : text, gs1, corners);
    }

    /// <summary>
    /// A pure read locates nothing, so its corners are the black pixels' bounding box, in the
    /// detector's order: top-left, bottom-left, bottom-right, top-right.
    /// </summary>
    private static ResultPoint[] EnclosingCorners(Binarizer binarizer)
    {
        var box = binarizer.BlackMatrix.getEnclosingRectangle();
        if (box is null) return [];
        var (left, top, right, bottom) = (box[0], box[1], box[0] + box[2], box[1] + box[3]);
        return [new(left, top), new(left, bottom), new(right, bottom), new(right, top)];
    }
}
