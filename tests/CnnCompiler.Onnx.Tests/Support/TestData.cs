namespace CnnCompiler.OnnxTests.Support;

/// <summary>Seeded inputs and "trained-looking" weights for the comparisons.</summary>
public static class TestData
{
    /// <summary>Uniform values in [−1, 1).</summary>
    public static float[] Uniform(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    /// <summary>
    /// Gives every BatchNorm γ, β and running statistics random values (γ in [0.5, 1.5], β and mean in [−0.5, 0.5],
    /// variance in [0.5, 2]) and every bias small random values, so that none of them is a no-op in the comparison.
    /// </summary>
    public static void RandomizeNormalization(INetwork network, int seed)
    {
        var random = new Random(seed);
        foreach (TensorInfo tensor in network.Tensors)
        {
            string role = tensor.Name[(tensor.Name.LastIndexOf('.') + 1)..];
            (double low, double high) = role switch
            {
                "running_var" => (0.5, 2.0),
                "running_mean" or "bias" => (-0.5, 0.5),
                "weight" when tensor.Shape.Length == 1 => (0.5, 1.5),
                _ => (double.NaN, double.NaN),
            };
            if (double.IsNaN(low)) continue;
            Span<float> values = tensor.Values(network);
            for (int i = 0; i < values.Length; i++) values[i] = (float)(low + random.NextDouble() * (high - low));
        }
    }

    /// <summary>
    /// The largest error of <paramref name="actual"/> against <paramref name="expected"/>, each relative to
    /// max(|expected|, 0.1 × the largest |expected|) (the parity tests' measure: small values are not judged on their own scale).
    /// </summary>
    public static double MaxRelativeError(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double largest = 0;
        foreach (float value in expected) largest = Math.Max(largest, Math.Abs(value));
        double floor = Math.Max(0.1 * largest, 1e-30);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs((double)actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), floor);
            worst = Math.Max(worst, double.IsNaN(error) ? double.PositiveInfinity : error);
        }
        return worst;
    }
}
