namespace CnnCompiler;

/// <summary>
/// The brightness part of torchvision's <c>ColorJitter</c> (<c>adjust_brightness</c>): with probability
/// <see cref="Probability"/>, multiplies a sample by a factor drawn uniformly from <see cref="MinFactor"/>…
/// <see cref="MaxFactor"/> and clamps to <see cref="Clamp"/>: <c>v = clamp(factor·v)</c>. Works on any shape and
/// channel count; with <see cref="PerChannel"/> each channel gets its own factor (multispectral jitter). Draws per
/// sample: the coin, then one factor (or one per channel, in channel order) when applied.
/// </summary>
public sealed class RandomBrightness : IAugmentation
{
    /// <summary>Factors from max(0, 1 − <paramref name="strength"/>) to 1 + <paramref name="strength"/>, as torchvision's <c>brightness=strength</c>.</summary>
    /// <param name="strength">How far factors may stray from 1.</param>
    /// <param name="perChannel">One factor per channel instead of one per sample.</param>
    /// <param name="probability">Chance that a sample is changed.</param>
    /// <param name="clamp">The range results are clamped to; null for torchvision's [0, 1].</param>
    public RandomBrightness(float strength, bool perChannel = false, float probability = 1f, ValueRange? clamp = null)
        : this(IntensityOps.StrengthRange(strength, nameof(strength)), perChannel, probability, clamp)
    {
    }

    /// <summary>Factors drawn from <paramref name="factors"/> (min, max), as torchvision's <c>brightness=(min, max)</c>.</summary>
    public RandomBrightness((float Min, float Max) factors, bool perChannel = false, float probability = 1f, ValueRange? clamp = null)
    {
        (MinFactor, MaxFactor) = IntensityOps.FactorRange(factors.Min, factors.Max, nameof(factors));
        PerChannel = perChannel;
        Probability = BatchShape.Probability(probability, nameof(probability));
        Clamp = clamp ?? ValueRange.Unit;
    }

    public float MinFactor { get; }

    public float MaxFactor { get; }

    public bool PerChannel { get; }

    public float Probability { get; }

    public ValueRange Clamp { get; }

    public void Apply(Span<float> batch, ReadOnlySpan<int> sampleShape, int count, SeededRandom random)
    {
        int length = BatchShape.Check(batch, sampleShape, count, random, nameof(RandomBrightness), 1, int.MaxValue, "channels-first");
        int channels = sampleShape[0], channelLength = length / channels;
        for (int n = 0; n < count; n++)
        {
            if (!BatchShape.Chance(random, Probability)) continue;
            Span<float> sample = batch.Slice(n * length, length);
            if (!PerChannel)
            {
                IntensityOps.Scale(sample, IntensityOps.Factor(random, MinFactor, MaxFactor), Clamp);
                continue;
            }
            for (int c = 0; c < channels; c++)
                IntensityOps.Scale(sample.Slice(c * channelLength, channelLength), IntensityOps.Factor(random, MinFactor, MaxFactor), Clamp);
        }
    }
}
