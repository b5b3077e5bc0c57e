namespace Verifier.Imaging;

/// <summary>
/// The four corners of the dominant dark object in a black/white image: where ZXing's detector
/// misjudges a blurred, skewed symbol, its outline is still plain. The symbol's solid L-shaped
/// finder links its modules into one object; the corners are the hull points nearest to the
/// corners of the smallest enclosing rectangle, which follows moderate perspective.
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
        var rectangle = SmallestRectangle(hull);
        var corners = rectangle.Select(r => hull.MinBy(h => (h.X - r.X) * (h.X - r.X) + (h.Y - r.Y) * (h.Y - r.Y))).ToArray();
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

    /// <summary>Rotating calipers: the smallest rectangle has a side on a hull edge. Corners in the hull's order.</summary>
    private static ImagePoint[] SmallestRectangle(List<ImagePoint> hull)
    {
        ImagePoint[] best = [];
        var bestArea = double.MaxValue;
        for (var i = 0; i < hull.Count; i++)
        {
            var (a, b) = (hull[i], hull[(i + 1) % hull.Count]);
            var length = Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
            if (length == 0) continue;
            var (ux, uy) = ((b.X - a.X) / length, (b.Y - a.Y) / length);
            double minU = double.MaxValue, maxU = double.MinValue, minV = double.MaxValue, maxV = double.MinValue;
            foreach (var p in hull)
            {
                var u = p.X * ux + p.Y * uy;
                var v = -p.X * uy + p.Y * ux;
                (minU, maxU, minV, maxV) = (Math.Min(minU, u), Math.Max(maxU, u), Math.Min(minV, v), Math.Max(maxV, v));
            }

            var area = (maxU - minU) * (maxV - minV);
            if (area >= bestArea) continue;
            bestArea = area;
            ImagePoint At(double u, double v) => new((float)(u * ux - v * uy), (float)(u * uy + v * ux));
            best = [At(minU, minV), At(maxU, minV), At(maxU, maxV), At(minU, maxV)];
        }

        return best;
    }
}
