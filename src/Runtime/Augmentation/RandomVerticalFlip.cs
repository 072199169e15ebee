namespace CnnCompiler;

/// <summary>
/// torchvision's <c>RandomVerticalFlip</c>: with probability <see cref="Probability"/>, mirrors a sample along H
/// (<c>C×H×W</c>, or every depth slice of <c>C×D×H×W</c>). One draw per sample.
/// </summary>
public sealed class RandomVerticalFlip : IAugmentation
{
    public RandomVerticalFlip(float probability = 0.5f) => Probability = BatchShape.Probability(probability, nameof(probability));

    public float Probability { get; }

    public void Apply(Span<float> batch, ReadOnlySpan<int> sampleShape, int count, SeededRandom random)
    {
        int length = BatchShape.Check(batch, sampleShape, count, random, nameof(RandomVerticalFlip), 3, 4, "C×H×W or C×D×H×W");
        var (outer, extent, inner) = BatchShape.AroundAxis(sampleShape, sampleShape.Length - 2);
        for (int n = 0; n < count; n++)
        {
            if (BatchShape.Chance(random, Probability)) AxisOps.Flip(batch.Slice(n * length, length), outer, extent, inner);
        }
    }
}
