using CnnCompiler.Numerics.Tests.Networks;
using CnnCompiler.Numerics.Tests.Reference;

namespace CnnCompiler.Numerics.Tests.Support;

/// <summary>What values a network is fed, chosen so that finite differences never straddle a kink.</summary>
public enum DataStyle
{
    /// <summary>Uniform random inputs and parameters (for networks without ReLU or max pooling).</summary>
    Smooth,

    /// <summary>
    /// Inputs are ±1/2 or ±3/2, weights multiples of 1/4 in [−0.5, 0.5] and biases odd multiples of 1/16: every product
    /// is a multiple of 1/8, so every pre-activation is an odd multiple of 1/16 and |z| ≥ 1/16, farther from the ReLU
    /// kink than a ±2h perturbation (h = 2⁻⁶) of one weight (≤ 2h·3/2), input (≤ 2h/2) or bias (2h) can move it.
    /// </summary>
    ReLUMargin,

    /// <summary>
    /// Parameters as <see cref="ReLUMargin"/>, inputs odd multiples of 1/2 in [−7.5, 7.5]: for an activation that reads
    /// the network input, every region of ReLU6 (kinks at 0 and 6), Hardswish and Hardsigmoid (±3) is reached and every
    /// input is 1/2 from a kink, beyond a ±2h perturbation's reach (2h·7.5 with h = 2⁻⁶).
    /// </summary>
    WideMargin,

    /// <summary>
    /// Each sample is a shuffle of −1/16, −2/16, …: all negative, so zero padding would win a max if it took part, and
    /// 1/16 apart, more than a ±2h perturbation (h = 2⁻⁶) can close, so no max-pool window ever changes its winner.
    /// </summary>
    DistinctNegative,
}

/// <summary>A batch for a network: its parameters, inputs and labels.</summary>
public sealed record Batch(float[] Parameters, float[] Inputs, int[] Labels)
{
    public int Count => Labels.Length;
}

/// <summary>Seeded test data. Every value is a multiple of 2⁻¹² below 16 in magnitude, so x ± h and x ± 2h are exact in float.</summary>
public static class TestData
{
    public const double Grid = 1.0 / 4096;

    /// <summary>
    /// The finite-difference step for a data style: 2⁻⁴ for smooth networks (the loss's higher derivatives along one
    /// value are O(1), so the O(h⁴) error is ~1e-6), 2⁻⁶ where the data keep ReLU inputs and max-pool winners 1/16 or
    /// more from a kink.
    /// </summary>
    public static double Step(DataStyle style) => style == DataStyle.Smooth ? 1.0 / 16 : 1.0 / 64;

    public static Batch Create(NetworkCase network, int count, int seed)
    {
        var random = new Random(seed);
        RefNetwork reference = network.Reference;
        var parameters = new float[reference.ParameterCount];
        foreach (ParameterTensor tensor in reference.Tensors)
        {
            Span<float> values = parameters.AsSpan(tensor.Offset, tensor.Count);
            for (int i = 0; i < values.Length; i++) values[i] = Parameter(random, network.Style, tensor);
        }
        int length = reference.InputLength;
        var inputs = new float[count * length];
        for (int n = 0; n < count; n++)
        {
            Span<float> sample = inputs.AsSpan(n * length, length);
            if (network.Style == DataStyle.DistinctNegative)
            {
                int[] order = Enumerable.Range(0, length).ToArray();
                random.Shuffle(order);
                for (int i = 0; i < length; i++) sample[i] = -(order[i] + 1) / 16f;
            }
            else
            {
                for (int i = 0; i < length; i++) sample[i] = Input(random, network.Style);
            }
        }
        var labels = new int[count];
        for (int n = 0; n < count; n++) labels[n] = random.Next(reference.OutputLength);
        return new Batch(parameters, inputs, labels);
    }

    /// <summary>Uniform in [−range, range], rounded to the 2⁻¹² grid.</summary>
    public static float Uniform(Random random, double range) => (float)(Math.Round((random.NextDouble() * 2 - 1) * range / Grid) * Grid);

    private static float Parameter(Random random, DataStyle style, ParameterTensor tensor) => style switch
    {
        DataStyle.ReLUMargin or DataStyle.WideMargin when tensor.IsBias => (2 * random.Next(-4, 4) + 1) / 16f,
        DataStyle.ReLUMargin or DataStyle.WideMargin => random.Next(-2, 3) / 4f,
        _ when tensor.IsBias => Uniform(random, 0.5),
        _ => Uniform(random, 2.5 / Math.Sqrt(tensor.FanIn)),
    };

    private static float Input(Random random, DataStyle style) => style switch
    {
        DataStyle.ReLUMargin => (2 * random.Next(-2, 2) + 1) / 2f,
        DataStyle.WideMargin => (2 * random.Next(-8, 8) + 1) / 2f,
        _ => Uniform(random, 1),
    };
}
