namespace CnnCompiler.Training.Tests.Support;

/// <summary>Seeded synthetic 1×8×8 images: class c has a bright horizontal band in rows 3c and 3c + 1, plus noise.</summary>
internal static class SyntheticData
{
    public const int Classes = 3;

    public static Dataset Bars(int count, ulong seed)
    {
        var random = new SeededRandom(seed);
        var samples = new float[count * 64];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            int label = random.NextInt(Classes);
            labels[n] = label;
            Span<float> image = samples.AsSpan(n * 64, 64);
            for (int i = 0; i < 64; i++) image[i] = 0.3f * random.NextSingle();
            for (int row = 3 * label; row < Math.Min(8, 3 * label + 2); row++)
                for (int col = 0; col < 8; col++) image[row * 8 + col] += 1f;
        }
        return new Dataset(samples, labels, 1, 8, 8);
    }

    /// <summary>Noise images with random labels: nothing to learn, so a network can only memorize them.</summary>
    public static Dataset Noise(int count, ulong seed)
    {
        var random = new SeededRandom(seed);
        var samples = new float[count * 64];
        var labels = new int[count];
        for (int i = 0; i < samples.Length; i++) samples[i] = random.NextSingle();
        for (int n = 0; n < count; n++) labels[n] = random.NextInt(Classes);
        return new Dataset(samples, labels, 1, 8, 8);
    }
}
