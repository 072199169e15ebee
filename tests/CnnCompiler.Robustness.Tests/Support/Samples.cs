namespace CnnCompiler.Robustness.Tests.Support;

/// <summary>Seeded inputs and data sets for the test networks.</summary>
internal static class Samples
{
    /// <summary><paramref name="count"/> samples of <paramref name="length"/> floats in [0, 1).</summary>
    public static float[] Inputs(int count, int length, ulong seed)
    {
        var random = new SeededRandom(seed);
        var values = new float[count * length];
        for (int i = 0; i < values.Length; i++) values[i] = random.NextSingle();
        return values;
    }

    public static int[] Labels(int count, int classes, ulong seed)
    {
        var random = new SeededRandom(seed);
        var labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = random.NextInt(classes);
        return labels;
    }

    /// <summary>A learnable 1×8×8 three-class set for TinyNet: class c has a bright band in rows 3c and 3c + 1.</summary>
    public static Dataset Tiny(int count, ulong seed = 1)
    {
        var random = new SeededRandom(seed);
        var samples = new float[count * 64];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            int label = random.NextInt(3);
            labels[n] = label;
            Span<float> image = samples.AsSpan(n * 64, 64);
            for (int i = 0; i < 64; i++) image[i] = 0.3f * random.NextSingle();
            for (int row = 3 * label; row < Math.Min(8, 3 * label + 2); row++)
                for (int col = 0; col < 8; col++) image[row * 8 + col] += 1f;
        }
        return new Dataset(samples, labels, 1, 8, 8);
    }
}
