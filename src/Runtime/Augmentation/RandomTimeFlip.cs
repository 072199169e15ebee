namespace CnnCompiler;

/// <summary>
/// With probability <see cref="Probability"/>, reverses a sample in time: L of <c>C×L</c> signals, D (frames) of
/// <c>C×D×H×W</c> clips or volumes. One draw per sample.
/// </summary>
public sealed class RandomTimeFlip : IAugmentation
{
    public RandomTimeFlip(float probability = 0.5f) => Probability = BatchShape.Probability(probability, nameof(probability));

    public float Probability { get; }

    public void Apply(Span<float> batch, ReadOnlySpan<int> sampleShape, int count, SeededRandom random)
    {
        int length = BatchShape.Check(batch, sampleShape, count, random, nameof(RandomTimeFlip), 2, 4, "C×L or C×D×H×W");
        TimeAxis.Require(sampleShape, nameof(RandomTimeFlip));
        var (outer, extent, inner) = BatchShape.AroundAxis(sampleShape, 1);
        for (int n = 0; n < count; n++)
        {
            if (BatchShape.Chance(random, Probability)) AxisOps.Flip(batch.Slice(n * length, length), outer, extent, inner);
        }
    }
}
