namespace CnnCompiler;

/// <summary>
/// With probability <see cref="Probability"/>, shifts a sample in time by a whole number of steps drawn uniformly from
/// −<see cref="MaxShift"/>…<see cref="MaxShift"/> (positive: later), filling the vacated steps with <see cref="Fill"/>:
/// <c>out[t] = in[t − shift]</c> along L of <c>C×L</c> or D of <c>C×D×H×W</c>. Draws per sample: the coin, then
/// <c>NextInt(2·MaxShift + 1)</c> when applied.
/// </summary>
public sealed class RandomTimeShift : IAugmentation
{
    public RandomTimeShift(int maxShift, float probability = 1f, float fill = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxShift);
        if (!float.IsFinite(fill)) throw new ArgumentOutOfRangeException(nameof(fill), fill, "The fill value must be finite.");
        MaxShift = maxShift;
        Probability = BatchShape.Probability(probability, nameof(probability));
        Fill = fill;
    }

    public int MaxShift { get; }

    public float Probability { get; }

    public float Fill { get; }

    public void Apply(Span<float> batch, ReadOnlySpan<int> sampleShape, int count, SeededRandom random)
    {
        int length = BatchShape.Check(batch, sampleShape, count, random, nameof(RandomTimeShift), 2, 4, "C×L or C×D×H×W");
        TimeAxis.Require(sampleShape, nameof(RandomTimeShift));
        var (outer, extent, inner) = BatchShape.AroundAxis(sampleShape, 1);
        for (int n = 0; n < count; n++)
        {
            if (!BatchShape.Chance(random, Probability)) continue;
            int shift = random.NextInt(2 * MaxShift + 1) - MaxShift;
            AxisOps.Shift(batch.Slice(n * length, length), outer, extent, inner, shift, Fill);
        }
    }
}
