namespace CnnCompiler;

/// <summary>
/// torchvision's <c>RandomRotation</c> with bilinear interpolation: with probability <see cref="Probability"/>, rotates
/// a sample about its centre by an angle drawn uniformly from <see cref="MinDegrees"/>…<see cref="MaxDegrees"/>
/// (positive: counter-clockwise as displayed), filling uncovered pixels with <see cref="Fill"/>. Every channel, and
/// every depth slice of a <c>C×D×H×W</c> sample, turns by the same angle. Draws per sample: the coin, then the angle
/// (<c>NextDouble</c>) when applied. A scratch copy of one sample is allocated on first use and reused.
/// </summary>
public sealed class RandomRotation : IAugmentation
{
    private float[] _scratch = [];

    /// <summary>Angles from −<paramref name="degrees"/> to +<paramref name="degrees"/>.</summary>
    public RandomRotation(float degrees, float probability = 1f, float fill = 0f)
        : this((-CheckDegrees(degrees), degrees), probability, fill)
    {
    }

    /// <summary>Angles from <c>degrees.Min</c> to <c>degrees.Max</c>, as torchvision's <c>degrees=(min, max)</c>.</summary>
    public RandomRotation((float Min, float Max) degrees, float probability = 1f, float fill = 0f)
    {
        var (minDegrees, maxDegrees) = degrees;
        if (!float.IsFinite(minDegrees) || !float.IsFinite(maxDegrees) || minDegrees > maxDegrees)
            throw new ArgumentException($"The angle range needs finite bounds with min ≤ max; got [{minDegrees}, {maxDegrees}] degrees.", nameof(degrees));
        if (!float.IsFinite(fill)) throw new ArgumentOutOfRangeException(nameof(fill), fill, "The fill value must be finite.");
        MinDegrees = minDegrees;
        MaxDegrees = maxDegrees;
        Probability = BatchShape.Probability(probability, nameof(probability));
        Fill = fill;
    }

    public float MinDegrees { get; }

    public float MaxDegrees { get; }

    public float Probability { get; }

    public float Fill { get; }

    public void Apply(Span<float> batch, ReadOnlySpan<int> sampleShape, int count, SeededRandom random)
    {
        int length = BatchShape.Check(batch, sampleShape, count, random, nameof(RandomRotation), 3, 4, "C×H×W or C×D×H×W");
        if (_scratch.Length < length) _scratch = new float[length];
        int height = sampleShape[^2], width = sampleShape[^1];
        for (int n = 0; n < count; n++)
        {
            if (!BatchShape.Chance(random, Probability)) continue;
            double degrees = MinDegrees + (MaxDegrees - (double)MinDegrees) * random.NextDouble();
            BilinearRotation.Rotate(batch.Slice(n * length, length), _scratch, height, width, degrees, Fill);
        }
    }

    private static float CheckDegrees(float degrees)
    {
        if (!(degrees >= 0f) || float.IsInfinity(degrees))
            throw new ArgumentOutOfRangeException(nameof(degrees), degrees, "The angle must be a finite value ≥ 0 degrees.");
        return degrees;
    }
}
