namespace Verifier.Imaging;

/// <summary>A rectangle of the image, in its pixels.</summary>
internal readonly record struct Region(int Left, int Top, int Width, int Height);

/// <summary>
/// Where in a cluttered photo a symbol probably is: ZXing's detector grows a white rectangle from
/// the image centre, so printed text, a second label or the pack's edge beside the symbol defeats it.
/// A DataMatrix is a dense patch of strong edges in every direction; we find such patches on a
/// coarse grid of blocks and hand each one, cropped, to the ordinary passes.
/// </summary>
internal static class CandidateRegions
{
    /// <summary>Blocks per image side on the coarse grid.</summary>
    private const int GridSize = 48;

    private const int MaxRegions = 4;

    public static IReadOnlyList<Region> Find(GrayImage image)
    {
        var block = Math.Max(3, Math.Min(image.Width, image.Height) / GridSize);
        var (columns, rows) = (image.Width / block, image.Height / block);
        if (columns < 3 || rows < 3) return [];
        // Loose first (whole symbols, even faint ones), then strict (a symbol apart from the clutter merged into it).
        (double Share, int Reach)[] settings = [(0.35, 2), (0.6, 1)];
        return settings
            .SelectMany(setting => Components(BusyBlocks(image, block, columns, rows, setting.Share), columns, rows, setting.Reach)
                .Where(c => c.Blocks >= 4)
                .OrderByDescending(c => c.Blocks)
                .Take(MaxRegions))
            .Select(c => ToPixels(c, block, image))
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// A block is busy when both its horizontal and vertical edge energy are high (a symbol's
    /// modules change in both directions; a line of text or an edge mostly in one), relative to
    /// the image's own strongest blocks, so lighting does not matter.
    /// </summary>
    private static bool[,] BusyBlocks(GrayImage image, int block, int columns, int rows, double share)
    {
        var energy = new double[columns, rows];
        var max = 0.0;
        for (var by = 0; by < rows; by++)
        {
            for (var bx = 0; bx < columns; bx++)
            {
                long horizontal = 0, vertical = 0;
                for (var y = by * block; y < (by + 1) * block && y + 1 < image.Height; y++)
                {
                    for (var x = bx * block; x < (bx + 1) * block && x + 1 < image.Width; x++)
                    {
                        horizontal += Math.Abs(image[x + 1, y] - image[x, y]);
                        vertical += Math.Abs(image[x, y + 1] - image[x, y]);
                    }
                }

                energy[bx, by] = Math.Min(horizontal, vertical) / (double)(block * block);
                max = Math.Max(max, energy[bx, by]);
            }
        }

        var busy = new bool[columns, rows];
        for (var by = 0; by < rows; by++)
        {
            for (var bx = 0; bx < columns; bx++) busy[bx, by] = max > 0 && energy[bx, by] >= max * share;
        }

        return busy;
    }

    private sealed record Component(int Left, int Top, int Right, int Bottom, int Blocks);

    /// <summary>Connected groups of busy blocks, bridging gaps of up to <paramref name="reach"/> - 1 blocks (a symbol's quiet areas).</summary>
    private static IEnumerable<Component> Components(bool[,] busy, int columns, int rows, int reach)
    {
        var seen = new bool[columns, rows];
        for (var sy = 0; sy < rows; sy++)
        {
            for (var sx = 0; sx < columns; sx++)
            {
                if (!busy[sx, sy] || seen[sx, sy]) continue;
                var (left, top, right, bottom, count) = (sx, sy, sx, sy, 0);
                var stack = new Stack<(int X, int Y)>([(sx, sy)]);
                seen[sx, sy] = true;
                while (stack.TryPop(out var at))
                {
                    count++;
                    (left, top, right, bottom) = (Math.Min(left, at.X), Math.Min(top, at.Y), Math.Max(right, at.X), Math.Max(bottom, at.Y));
                    for (var dy = -reach; dy <= reach; dy++)
                    {
                        for (var dx = -reach; dx <= reach; dx++)
                        {
                            var (x, y) = (at.X + dx, at.Y + dy);
                            if (x < 0 || y < 0 || x >= columns || y >= rows || seen[x, y] || !busy[x, y]) continue;
                            seen[x, y] = true;
                            stack.Push((x, y));
                        }
                    }
                }

                yield return new Component(left, top, right, bottom, count);
            }
        }
    }

    /// <summary>The component's blocks plus two blocks of margin for the quiet zone.</summary>
    private static Region ToPixels(Component c, int block, GrayImage image)
    {
        var left = Math.Max(0, (c.Left - 2) * block);
        var top = Math.Max(0, (c.Top - 2) * block);
        var right = Math.Min(image.Width, (c.Right + 3) * block);
        var bottom = Math.Min(image.Height, (c.Bottom + 3) * block);
        return new Region(left, top, right - left, bottom - top);
    }
}
