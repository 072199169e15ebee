namespace CnnCompiler;

/// <summary>
/// torchvision's <c>RandomHorizontalFlip</c>: with probability <see cref="Probability"/>, mirrors a sample along its
/// last axis (W of <c>C×H×W</c> and <c>C×D×H×W</c>, L of <c>C×L</c>). One draw per sample.
/// </summary>
public sealed class RandomHorizontalFlip : IAugmentation
{
    public RandomHorizontalFlip(float probability = 0.5f) => Probability = BatchShape.Probability(probability, nameof(probability));

    public float Probability { get; }

    public void Apply(Span<float> batch, ReadOnlySpan<int> sampleShape, int count, SeededRandom random)
    {
        int length = BatchShape.Check(batch, sampleShape, count, random, nameof(RandomHorizontalFlip), 2, 4, "C×L, C×H×W or C×D×H×W");
        var (outer, extent, inner) = BatchShape.AroundAxis(sampleShape, sampleShape.Length - 1);
        for (int n = 0; n < count; n++)
        {
            if (BatchShape.Chance(random, Probability)) AxisOps.Flip(batch.Slice(n * length, length), outer, extent, inner);
        }
    }
}
