namespace CnnCompiler.Samples.Architectures.Data;

/// <summary>
/// Synthetic 7-band tiles of 7×32×32 for <see cref="MultispectralNet"/>, five land-cover classes (water, forest, grass,
/// bare soil, built-up). A tile mixes its class's material (a spectral signature over the seven bands) with another,
/// randomly chosen class's material pixel by pixel: the class fraction is a smooth random texture (three random gratings
/// whose spatial frequency depends on the class), 40–100 % and 70 % on average, so the class is the dominant material
/// rather than the only one. Each tile has a random illumination (×0.6–1.4) and every value gets Gaussian noise.
/// </summary>
public static class MultispectralTiles
{
    public const int Bands = 7, Size = 32;
    public const int ClassCount = 5;
    public const int SampleLength = Bands * Size * Size;
    public const float NoiseSigma = 0.3f;

    /// <summary>Generated values are centred, (x − <see cref="Mean"/>) × <see cref="Scale"/>: mean 0, standard deviation about 0.52.</summary>
    public const float Mean = 0.73f, Scale = 1f;

    public static readonly string[] ClassNames = ["water", "forest", "grass", "bare soil", "built-up"];

    /// <summary>Mean reflectance of each class's material per band (blue, green, red, red edge, NIR, SWIR1, SWIR2).</summary>
    private static readonly float[][] Signatures =
    [
        [0.10f, 0.08f, 0.05f, 0.03f, 0.02f, 0.01f, 0.01f], // water: dark, falling towards the infrared
        [0.03f, 0.07f, 0.04f, 0.25f, 0.45f, 0.20f, 0.09f], // forest: strong NIR, red absorbed
        [0.05f, 0.11f, 0.07f, 0.30f, 0.38f, 0.30f, 0.18f], // grass: green peak, high SWIR
        [0.14f, 0.18f, 0.24f, 0.27f, 0.30f, 0.38f, 0.32f], // bare soil: rising steadily
        [0.22f, 0.22f, 0.23f, 0.24f, 0.25f, 0.27f, 0.26f], // built-up: bright and flat
    ];

    /// <summary>Cycles per tile of each class's texture.</summary>
    private static readonly double[] TextureCycles = [1.0, 4.0, 2.5, 1.5, 6.0];

    /// <summary>Reflectances are scaled by this so that inputs are of order one.</summary>
    private const float ReflectanceScale = 4f;

    /// <summary><paramref name="count"/> tiles, classes in turn (0 … 4, 0, …); the seed fixes every value.</summary>
    public static Dataset Generate(int count, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new SeededRandom(seed);
        var samples = new float[count * SampleLength];
        var labels = new int[count];
        var fraction = new float[Size * Size];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % ClassCount;
            Texture(fraction, TextureCycles[labels[i]], random);
            Fill(samples.AsSpan(i * SampleLength, SampleLength), labels[i], fraction, random);
        }
        Normalization.Apply(samples, Mean, Scale);
        return new Dataset(samples, labels, Bands, Size, Size);
    }

    /// <summary>Class fraction per pixel in [0.4, 1]: three random gratings of about <paramref name="cycles"/> cycles per tile.</summary>
    private static void Texture(Span<float> fraction, double cycles, SeededRandom random)
    {
        fraction.Clear();
        for (int g = 0; g < 3; g++)
        {
            double angle = Math.PI * random.NextDouble();
            double frequency = 2 * Math.PI * cycles * (0.8 + 0.4 * random.NextDouble()) / Size;
            double fx = frequency * Math.Cos(angle), fy = frequency * Math.Sin(angle), phase = 2 * Math.PI * random.NextDouble();
            for (int h = 0; h < Size; h++)
                for (int w = 0; w < Size; w++)
                    fraction[h * Size + w] += (float)Math.Sin(fx * w + fy * h + phase) / 3;
        }
        for (int p = 0; p < fraction.Length; p++) fraction[p] = 0.7f + 0.3f * fraction[p];
    }

    private static void Fill(Span<float> tile, int label, ReadOnlySpan<float> fraction, SeededRandom random)
    {
        float illumination = 0.6f + 0.8f * random.NextSingle();
        float[] signature = Signatures[label];
        float[] other = Signatures[(label + 1 + random.NextInt(ClassCount - 1)) % ClassCount];
        for (int b = 0; b < Bands; b++)
        {
            for (int p = 0; p < Size * Size; p++)
            {
                float reflectance = fraction[p] * signature[b] + (1 - fraction[p]) * other[b];
                tile[b * Size * Size + p] = ReflectanceScale * illumination * reflectance + NoiseSigma * (float)random.NextGaussian();
            }
        }
    }
}
