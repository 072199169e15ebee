namespace CnnCompiler.Samples.Architectures.Data;

/// <summary>
/// Synthetic 3×S×S colour images of ten classes for <see cref="ResNet20"/>, <see cref="VggSmall"/> (S = 32) and
/// <see cref="AlexNetSmall"/> (S = 64): 0 disc, 1 square, 2 triangle, 3 ring, 4 plus, 5 horizontal stripes, 6 vertical
/// stripes, 7 diagonal stripes, 8 checkerboard, 9 two dots. Each has a random position, size and stripe phase; its hue
/// leans towards a class colour but is jittered so far that neighbouring classes overlap (the shape decides); the
/// background is a random dark colour, and every value (0 … 1) gets Gaussian noise; the images are then normalized.
/// </summary>
public static class ShapeImages
{
    public const int ClassCount = 10;
    public const float NoiseSigma = 0.1f;

    /// <summary>Generated values are centred, (x − <see cref="Mean"/>) × <see cref="Scale"/>: mean 0, standard deviation about 0.44.</summary>
    public const float Mean = 0.25f, Scale = 2f;

    public static readonly string[] ClassNames =
        ["disc", "square", "triangle", "ring", "plus", "horizontal stripes", "vertical stripes", "diagonal stripes", "checkerboard", "two dots"];

    /// <summary><paramref name="count"/> images of 3×<paramref name="size"/>×<paramref name="size"/>, classes in turn; the seed fixes every value.</summary>
    public static Dataset Generate(int count, int size, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        var random = new SeededRandom(seed);
        int length = 3 * size * size;
        var samples = new float[count * length];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % ClassCount;
            Fill(samples.AsSpan(i * length, length), labels[i], size, random);
        }
        Normalization.Apply(samples, Mean, Scale);
        return new Dataset(samples, labels, 3, size, size);
    }

    private static void Fill(Span<float> image, int label, int size, SeededRandom random)
    {
        // Foreground: the class hue ± 0.15 of the colour wheel, bright; background: any hue, dark.
        var (fr, fg, fb) = Hsv(label / (double)ClassCount + 0.3 * (random.NextDouble() - 0.5), 0.6 + 0.4 * random.NextDouble(), 0.8 + 0.2 * random.NextDouble());
        var (br, bg, bb) = Hsv(random.NextDouble(), 0.5 * random.NextDouble(), 0.1 + 0.25 * random.NextDouble());
        double radius = size * (0.22 + 0.12 * random.NextDouble());
        double cx = radius + (size - 2 * radius) * random.NextDouble(), cy = radius + (size - 2 * radius) * random.NextDouble();
        double period = size * (0.12 + 0.08 * random.NextDouble());
        double phase = random.NextDouble();
        int plane = size * size;
        for (int h = 0; h < size; h++)
        {
            for (int w = 0; w < size; w++)
            {
                double u = (w + 0.5 - cx) / radius, v = (h + 0.5 - cy) / radius; // −1 … 1 over the shape's box
                bool on = Covers(label, u, v, (w + 0.5) / period + phase, (h + 0.5) / period + phase);
                int p = h * size + w;
                image[p] = Pixel(on ? fr : br, random);
                image[plane + p] = Pixel(on ? fg : bg, random);
                image[2 * plane + p] = Pixel(on ? fb : bb, random);
            }
        }
    }

    /// <summary>Whether the class's pattern covers a point: (u, v) relative to the shape, (s, t) in stripe periods.</summary>
    private static bool Covers(int label, double u, double v, double s, double t)
    {
        double r = Math.Sqrt(u * u + v * v);
        bool inBox = Math.Abs(u) <= 1 && Math.Abs(v) <= 1;
        return label switch
        {
            0 => r <= 1,
            1 => Math.Abs(u) <= 0.8 && Math.Abs(v) <= 0.8,
            2 => v <= 0.8 && v >= -1 + 2 * Math.Abs(u) - 0.2,
            3 => r <= 1 && r >= 0.6,
            4 => inBox && (Math.Abs(u) <= 0.25 || Math.Abs(v) <= 0.25),
            5 => inBox && Frac(t) < 0.5,
            6 => inBox && Frac(s) < 0.5,
            7 => inBox && Frac((s + t) / 1.4) < 0.5,
            8 => inBox && (Frac(s) < 0.5) != (Frac(t) < 0.5),
            _ => Sq(u + 0.5) + Sq(v + 0.5) <= 0.16 || Sq(u - 0.5) + Sq(v - 0.5) <= 0.16,
        };
    }

    private static double Frac(double x) => x - Math.Floor(x);

    private static double Sq(double x) => x * x;

    /// <summary>A channel value in 0 … 1 plus noise.</summary>
    private static float Pixel(double value, SeededRandom random) => (float)(value + NoiseSigma * random.NextGaussian());

    private static (double R, double G, double B) Hsv(double hue, double saturation, double value)
    {
        hue = Frac(hue) * 6;
        int sector = (int)hue;
        double f = hue - sector;
        double p = value * (1 - saturation), q = value * (1 - saturation * f), t = value * (1 - saturation * (1 - f));
        return sector switch
        {
            0 => (value, t, p),
            1 => (q, value, p),
            2 => (p, value, t),
            3 => (p, q, value),
            4 => (t, p, value),
            _ => (value, p, q),
        };
    }
}
