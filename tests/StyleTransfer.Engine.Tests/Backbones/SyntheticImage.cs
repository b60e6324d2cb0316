namespace StyleTransfer.Engine.Tests.Backbones;

/// <summary>Deterministic test picture: smooth colour gradients with a few seeded discs and rectangles, RGB in [0,1], CHW.</summary>
static class SyntheticImage
{
    public static float[] Chw(int height, int width, int seed)
    {
        var rng = new Random(seed);
        var data = new float[3 * height * width];
        var shapes = Enumerable.Range(0, 6).Select(_ => (
            Disc: rng.NextDouble() < 0.5, Cx: rng.NextDouble() * width, Cy: rng.NextDouble() * height,
            Size: (0.1 + 0.25 * rng.NextDouble()) * Math.Min(height, width),
            Colour: new[] { rng.NextDouble(), rng.NextDouble(), rng.NextDouble() })).ToArray();
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                double u = (double)x / width, v = (double)y / height;
                double[] rgb = [0.5 + 0.4 * Math.Sin(6 * u + 1), 0.2 + 0.6 * v, 0.5 + 0.3 * Math.Cos(5 * (u + v))];
                foreach (var s in shapes)
                {
                    bool inside = s.Disc
                        ? Math.Pow(x - s.Cx, 2) + Math.Pow(y - s.Cy, 2) < s.Size * s.Size
                        : Math.Abs(x - s.Cx) < s.Size && Math.Abs(y - s.Cy) < s.Size / 2;
                    if (inside) rgb = s.Colour;
                }
                for (int c = 0; c < 3; c++)
                    data[(c * height + y) * width + x] = (float)(Math.Round(Math.Clamp(rgb[c], 0, 1) * 255) / 255);
            }
        return data;
    }
}
