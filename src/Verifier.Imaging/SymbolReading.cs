using ZXing;
using ZXing.Common;
using ZXing.Datamatrix;

namespace Verifier.Imaging;

/// <summary>The binarisations ZXing offers; ours (<see cref="Thresholds"/>) arrive as already black/white images.</summary>
internal enum Binarisation
{
    /// <summary>ZXing's local block thresholds: the best default for photos.</summary>
    Hybrid,

    /// <summary>ZXing's one global threshold: better for small, evenly lit or pre-thresholded images.</summary>
    GlobalHistogram,

    /// <summary>Global threshold, and the image is the symbol alone and axis-aligned (renders, tight crops): no detector needed.</summary>
    PureSymbol,
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

    public static DecodedSymbol? Read(GrayImage image, Binarisation binarisation)
    {
        var source = new GrayLuminanceSource(image);
        Binarizer binarizer = binarisation == Binarisation.Hybrid ? new HybridBinarizer(source) : new GlobalHistogramBinarizer(source);
        Result? result;
        try
        {
            result = new DataMatrixReader().decode(new BinaryBitmap(binarizer), binarisation == Binarisation.PureSymbol ? PureHints : Hints);
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            // ZXing.Net signals some malformed bit streams by exceptions rather than null.
            return null;
        }

        // A replacement character means bytes that fit no character set: a misread, never a pack's data.
        if (result?.Text is null || result.Text.Contains('\uFFFD')) return null;
        var corners = (binarisation == Binarisation.PureSymbol ? EnclosingCorners(binarizer) : result.ResultPoints ?? [])
            .Select(p => image.ToSource.Apply(p.X, p.Y)).ToList();
        var gs1 = IsGs1(result);
        // ZXing.Net renders the leading FNC1 that marks GS1 mode as a GS; a scanner reports it as ]d2 instead.
        var text = gs1 && result.Text.StartsWith('\u001d') ? result.Text[1..] : result.Text;
        return new DecodedSymbol(text, gs1, corners);
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

    /// <summary>AIM symbology identifiers ]d2 (GS1) and ]d5 (GS1 with ECI).</summary>
    private static bool IsGs1(Result result) =>
        result.ResultMetadata is { } metadata
        && metadata.TryGetValue(ResultMetadataType.SYMBOLOGY_IDENTIFIER, out var identifier)
        && identifier is "]d2" or "]d5";
}
