using ZXing.Common;
using ZXing.Datamatrix.Internal;

namespace Verifier.Imaging;

/// <summary>
/// Reads a symbol from its four corners by trying every ECC 200 size and orientation: the step
/// where ZXing's detector fails on blurred or skewed photos (it counts modules along the clock
/// tracks). A sampling is decoded only if its finder and clock patterns are nearly perfect, so
/// Reed-Solomon never sees a grid that is not a symbol.
/// </summary>
internal static class GridDecoding
{
    /// <summary>(columns, rows) of every square and rectangular ECC 200 symbol.</summary>
    private static readonly (int Columns, int Rows)[] Sizes =
    [
        .. ((int[])[10, 12, 14, 16, 18, 20, 22, 24, 26, 32, 36, 40, 44, 48, 52, 64, 72, 80, 88, 96, 104, 120, 132, 144]).Select(s => (s, s)),
        (18, 8), (32, 8), (26, 12), (36, 12), (36, 16), (48, 16),
    ];

    /// <summary>Share of the outer finder and clock modules that must be right.</summary>
    private const double MinPatternMatch = 0.9;

    public static DecodedSymbol? TryRead(GrayImage binary, ImagePoint[] corners)
    {
        BitMatrix? bits = null;
        foreach (var (columns, rows) in Sizes)
        {
            foreach (var (topLeft, topRight, bottomRight, bottomLeft) in Placements(corners))
            {
                var transform = PerspectiveTransform.quadrilateralToQuadrilateral(
                    0, 0, columns, 0, columns, rows, 0, rows,
                    topLeft.X, topLeft.Y, topRight.X, topRight.Y, bottomRight.X, bottomRight.Y, bottomLeft.X, bottomLeft.Y);
                // The border modules alone rule out almost every wrong size and turn, at a fraction of a full sampling.
                if (PatternMatch(binary, transform, columns, rows) < MinPatternMatch) continue;
                bits ??= BlackModules(binary);
                BitMatrix grid;
                try
                {
                    grid = GridSampler.Instance.sampleGrid(bits, columns, rows, transform);
                }
                catch (ZXing.ReaderException)
                {
                    continue;
                }

                if (grid is not null && Decode(grid) is { } symbol)
                {
                    return symbol with { Corners = [.. new[] { topLeft, bottomLeft, bottomRight, topRight }.Select(c => binary.ToSource.Apply(c.X, c.Y))] };
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The outline's corners in each of the four turns. The symbol's top-right module is light (the
    /// clock tracks meet there), so the outline cuts that corner: it is also tried completed as a
    /// parallelogram from the other three, which the finder L fixes precisely.
    /// </summary>
    private static IEnumerable<(ImagePoint TopLeft, ImagePoint TopRight, ImagePoint BottomRight, ImagePoint BottomLeft)> Placements(ImagePoint[] corners)
    {
        for (var turn = 0; turn < 4; turn++)
        {
            var (topLeft, topRight, bottomRight, bottomLeft) = (corners[turn], corners[(turn + 1) % 4], corners[(turn + 2) % 4], corners[(turn + 3) % 4]);
            yield return (topLeft, topRight, bottomRight, bottomLeft);
            yield return (topLeft, new ImagePoint(topLeft.X + bottomRight.X - bottomLeft.X, topLeft.Y + bottomRight.Y - bottomLeft.Y), bottomRight, bottomLeft);
        }
    }

    private static BitMatrix BlackModules(GrayImage binary)
    {
        var bits = new BitMatrix(binary.Width, binary.Height);
        for (var y = 0; y < binary.Height; y++)
        {
            for (var x = 0; x < binary.Width; x++)
            {
                if (binary[x, y] == 0) bits[x, y] = true;
            }
        }

        return bits;
    }

    /// <summary>Left column and bottom row solid; top row and right column alternating, dark at the L's far ends.</summary>
    private static double PatternMatch(GrayImage binary, PerspectiveTransform transform, int columns, int rows)
    {
        var (right, total) = (0, 0);
        bool Dark(int column, int row)
        {
            var point = new[] { column + 0.5f, row + 0.5f };
            transform.transformPoints(point);
            var (x, y) = ((int)point[0], (int)point[1]);
            return x >= 0 && y >= 0 && x < binary.Width && y < binary.Height && binary[x, y] == 0;
        }

        for (var y = 0; y < rows; y++)
        {
            right += Dark(0, y) ? 1 : 0;
            right += Dark(columns - 1, y) == ((rows - 1 - y) % 2 == 0) ? 1 : 0;
            total += 2;
        }

        for (var x = 0; x < columns; x++)
        {
            right += Dark(x, rows - 1) ? 1 : 0;
            right += Dark(x, 0) == (x % 2 == 0) ? 1 : 0;
            total += 2;
        }

        return (double)right / total;
    }

    private static DecodedSymbol? Decode(BitMatrix grid)
    {
        try
        {
            var result = new Decoder().decode(grid);
            return result?.Text is null ? null : SymbolReading.FromDecoded(result.Text, result.SymbologyModifier is 2 or 5, []);
        }
        catch (Exception e) when (e is ZXing.ReaderException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }
}
