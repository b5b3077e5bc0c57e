namespace Verifier.Imaging;

/// <summary>
/// The four corners of the dominant dark object in a black/white image: where ZXing's detector
/// misjudges a blurred, skewed symbol, its outline is still plain. The symbol's solid L-shaped
/// finder links its modules into one object; its corners are the four hull points spanning the
/// largest quadrilateral, which follows skew and perspective (a rectangle fit does not).
/// </summary>
internal static class SymbolOutline
{
    /// <summary>Pixels this close count as touching: modules that meet only at a blurred corner stay one object.</summary>
    private const int Reach = 2;

    /// <returns>Corners in clockwise order (image y grows downwards), or null when nothing symbol-like is there.</returns>
    public static ImagePoint[]? Find(GrayImage binary)
    {
        var hull = ConvexHull(LargestObject(binary));
        if (hull.Count < 4) return null;
        var corners = LargestQuadrilateral(hull);
        return corners.Distinct().Count() == 4 ? corners : null;
    }

    private static List<ImagePoint> LargestObject(GrayImage binary)
    {
        var (width, height) = (binary.Width, binary.Height);
        var label = new int[width * height];
        var best = new List<ImagePoint>();
        var next = 0;
        for (var start = 0; start < label.Length; start++)
        {
            if (binary.Pixels[start] != 0 || label[start] != 0) continue;
            var members = new List<ImagePoint>();
            var touchesBorder = false;
            var stack = new Stack<int>([start]);
            label[start] = ++next;
            while (stack.TryPop(out var at))
            {
                var (x, y) = (at % width, at / width);
                members.Add(new ImagePoint(x, y));
                touchesBorder |= x == 0 || y == 0 || x == width - 1 || y == height - 1;
                for (var ny = Math.Max(0, y - Reach); ny <= Math.Min(height - 1, y + Reach); ny++)
                {
                    for (var nx = Math.Max(0, x - Reach); nx <= Math.Min(width - 1, x + Reach); nx++)
                    {
                        var n = ny * width + nx;
                        if (binary.Pixels[n] != 0 || label[n] != 0) continue;
                        label[n] = next;
                        stack.Push(n);
                    }
                }
            }

            // Whatever touches the border is background clutter (the pack's edge, a shadow), not a symbol with its quiet zone.
            if (!touchesBorder && members.Count > best.Count) best = members;
        }

        return best;
    }

    /// <summary>Andrew's monotone chain; clockwise in image coordinates.</summary>
    private static List<ImagePoint> ConvexHull(List<ImagePoint> points)
    {
        var sorted = points.Distinct().OrderBy(p => p.X).ThenBy(p => p.Y).ToList();
        if (sorted.Count < 3) return sorted;
        var hull = new List<ImagePoint>();
        foreach (var pass in new[] { sorted, Enumerable.Reverse(sorted).ToList() })
        {
            var start = hull.Count;
            foreach (var p in pass)
            {
                while (hull.Count >= start + 2 && Cross(hull[^2], hull[^1], p) <= 0) hull.RemoveAt(hull.Count - 1);
                hull.Add(p);
            }

            hull.RemoveAt(hull.Count - 1);
        }

        return hull;
    }

    private static double Cross(ImagePoint o, ImagePoint a, ImagePoint b) => (a.X - o.X) * (b.Y - o.Y) - (a.Y - o.Y) * (b.X - o.X);

    /// <summary>Hull points considered as corners; evenly spaced along the hull, so the search stays a few ten thousand areas.</summary>
    private const int MaxCornerCandidates = 32;

    /// <summary>Brute force over (a subsample of) the hull, in the hull's clockwise order.</summary>
    private static ImagePoint[] LargestQuadrilateral(List<ImagePoint> hull)
    {
        var step = Math.Max(1, (hull.Count + MaxCornerCandidates - 1) / MaxCornerCandidates);
        var points = hull.Where((_, i) => i % step == 0).ToArray();
        ImagePoint[] best = [];
        var bestArea = 0.0;
        for (var a = 0; a < points.Length; a++)
        {
            for (var b = a + 1; b < points.Length; b++)
            {
                for (var c = b + 1; c < points.Length; c++)
                {
                    for (var d = c + 1; d < points.Length; d++)
                    {
                        // Shoelace formula over the two triangles split by the diagonal a–c.
                        var area = Math.Abs(Cross(points[a], points[b], points[c])) + Math.Abs(Cross(points[a], points[c], points[d]));
                        if (area <= bestArea) continue;
                        bestArea = area;
                        best = [points[a], points[b], points[c], points[d]];
                    }
                }
            }
        }

        return best;
    }
}
