using System.Text;
using SkiaSharp;
using ZXing.Datamatrix.Encoder;

namespace Verifier.Imaging;

/// <summary>
/// Draws a DataMatrix (ECC 200, square) of a text as a PNG: for demos, labels and round-trip tests.
/// </summary>
/// <remarks>
/// The codewords are ours, in ASCII encodation (digit pairs packed): ZXing.Net 0.16.11's default
/// encoder cannot start GS1 mode nor write FNC1, and its compact encoder, which can, was measured
/// to corrupt GS1 texts (a GS became ESC; a CSET 82 serial came out with other characters).
/// Error correction, module placement and the symbol sizes are ZXing.Net's writer parts.
/// </remarks>
public static class DataMatrixRenderer
{
    /// <summary>ISO/IEC 16022 asks for a quiet zone of at least one module; two tolerate a tight crop.</summary>
    private const int QuietZoneModules = 2;

    private const char Fnc1 = (char)232;
    private const char UpperShift = (char)235;
    private const char Pad = (char)129;

    /// <param name="text">The data, characters up to U+00FF; in GS1 mode an element string with GS (0x1D) between variable-length fields, without ]d2.</param>
    /// <param name="gs1">Start with FNC1 (GS1 mode, read as ]d2) and write each GS as FNC1.</param>
    /// <param name="moduleSize">Pixels per module.</param>
    public static byte[] RenderPng(string text, bool gs1, int moduleSize = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(moduleSize, 1);
        var data = AsciiCodewords(text, gs1);
        var symbol = SymbolInfo.lookup(data.Length, SymbolShapeHint.FORCE_SQUARE)
            ?? throw new ArgumentException($"The text needs {data.Length} codewords, more than the largest DataMatrix holds.", nameof(text));
        var placement = new DefaultPlacement(ErrorCorrection.encodeECC200(Padded(data, DataCapacity(symbol)), symbol), symbol.getSymbolDataWidth(), symbol.getSymbolDataHeight());
        placement.place();
        return Png(Modules(placement, symbol), moduleSize);
    }

    /// <summary>ASCII encodation (ISO/IEC 16022 5.2.3): two digits per codeword, other characters as value + 1, Latin-1 via Upper Shift.</summary>
    private static string AsciiCodewords(string text, bool gs1)
    {
        var codewords = new StringBuilder(gs1 ? Fnc1.ToString() : "");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c) && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                codewords.Append((char)(130 + (c - '0') * 10 + (text[++i] - '0')));
            }
            else if (gs1 && c == '\u001d') codewords.Append(Fnc1);
            else if (c < 128) codewords.Append((char)(c + 1));
            else if (c < 256) codewords.Append(UpperShift).Append((char)(c - 127));
            else throw new ArgumentException($"'{c}' is outside Latin-1; only ECI could encode it.", nameof(text));
        }

        return codewords.ToString();
    }

    /// <summary>All codewords minus the error correction ones (every interleaved block has as many).</summary>
    private static int DataCapacity(SymbolInfo symbol) =>
        symbol.getCodewordCount() - symbol.getInterleavedBlockCount() * symbol.getErrorLengthForInterleavedBlock(1);

    /// <summary>The first pad is 129, the rest are scrambled (253-state) so that the pattern stays balanced.</summary>
    private static string Padded(string data, int capacity)
    {
        var codewords = new StringBuilder(data);
        if (codewords.Length < capacity) codewords.Append(Pad);
        while (codewords.Length < capacity)
        {
            var pseudoRandom = 149 * (codewords.Length + 1) % 253 + 1;
            var value = Pad + pseudoRandom;
            codewords.Append((char)(value <= 254 ? value : value - 254));
        }

        return codewords.ToString();
    }

    /// <summary>The data regions with their finder (solid left and bottom) and clock (alternating top and right) patterns.</summary>
    private static bool[,] Modules(DefaultPlacement placement, SymbolInfo symbol)
    {
        var (regionWidth, regionHeight) = (symbol.matrixWidth, symbol.matrixHeight);
        var modules = new bool[symbol.getSymbolWidth(), symbol.getSymbolHeight()];
        for (var y = 0; y < modules.GetLength(1); y++)
        {
            for (var x = 0; x < modules.GetLength(0); x++)
            {
                var (inX, inY) = (x % (regionWidth + 2), y % (regionHeight + 2));
                modules[x, y] = inX == 0 || inY == regionHeight + 1
                    || (inY == 0 ? x % 2 == 0
                        : inX == regionWidth + 1 ? y % 2 == 1
                        : placement.getBit(x / (regionWidth + 2) * regionWidth + inX - 1, y / (regionHeight + 2) * regionHeight + inY - 1));
            }
        }

        return modules;
    }

    private static byte[] Png(bool[,] modules, int moduleSize)
    {
        var (columns, rows) = (modules.GetLength(0), modules.GetLength(1));
        var info = new SKImageInfo((columns + 2 * QuietZoneModules) * moduleSize, (rows + 2 * QuietZoneModules) * moduleSize, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var black = new SKPaint { Color = SKColors.Black, IsAntialias = false };
            for (var y = 0; y < rows; y++)
            {
                for (var x = 0; x < columns; x++)
                {
                    if (modules[x, y]) canvas.DrawRect((x + QuietZoneModules) * moduleSize, (y + QuietZoneModules) * moduleSize, moduleSize, moduleSize, black);
                }
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
