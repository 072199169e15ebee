namespace CnnCompiler;

/// <summary>
/// torchvision's <c>GaussianNoise</c>: with probability <see cref="Probability"/>, adds independent normal noise to
/// every value, <c>v = clamp(v + mean + std·z)</c>, z ~ N(0, 1). Works on any shape (signals, images, volumes).
/// Draws per sample: the coin, then, when applied, one pair of <c>NextDouble</c> per two values (Box–Muller, both
/// outputs used, in value order).
/// </summary>
public sealed class GaussianNoise : IAugmentation
{
    /// <param name="std">The noise's standard deviation (torchvision's <c>sigma</c>).</param>
    /// <param name="mean">The noise's mean.</param>
    /// <param name="probability">Chance that a sample gets noise.</param>
    /// <param name="clamp">The range results are clamped to; null for torchvision's [0, 1] (<c>clip=True</c>).</param>
    public GaussianNoise(float std, float mean = 0f, float probability = 1f, ValueRange? clamp = null)
    {
        if (!(std >= 0f) || float.IsInfinity(std))
            throw new ArgumentOutOfRangeException(nameof(std), std, "The standard deviation must be a finite value ≥ 0.");
        if (!float.IsFinite(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "The mean must be finite.");
        Std = std;
        Mean = mean;
        Probability = BatchShape.Probability(probability, nameof(probability));
        Clamp = clamp ?? ValueRange.Unit;
    }

    public float Std { get; }

    public float Mean { get; }

    public float Probability { get; }

    public ValueRange Clamp { get; }

    public void Apply(Span<float> batch, ReadOnlySpan<int> sampleShape, int count, SeededRandom random)
    {
        int length = BatchShape.Check(batch, sampleShape, count, random, nameof(GaussianNoise), 1, int.MaxValue, "channels-first");
        for (int n = 0; n < count; n++)
        {
            if (!BatchShape.Chance(random, Probability)) continue;
            Span<float> sample = batch.Slice(n * length, length);
            for (int i = 0; i < length; i += 2)
            {
                double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
                var (sin, cos) = Math.SinCos(2.0 * Math.PI * random.NextDouble());
                sample[i] += Mean + Std * (float)(radius * cos);
                if (i + 1 < length) sample[i + 1] += Mean + Std * (float)(radius * sin);
            }
            if (!Clamp.IsUnbounded) IntensityOps.ClampValues(sample, Clamp);
        }
    }
}
