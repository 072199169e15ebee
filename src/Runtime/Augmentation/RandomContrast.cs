namespace CnnCompiler;

/// <summary>
/// The contrast part of torchvision's <c>ColorJitter</c> (<c>adjust_contrast</c>): with probability
/// <see cref="Probability"/>, blends a sample with its mean by a factor drawn uniformly from <see cref="MinFactor"/>…
/// <see cref="MaxFactor"/>: <c>v = clamp(factor·v + (1 − factor)·mean)</c>. Shared, the mean is that of the whole
/// sample, except that RGB images (3×H×W) use torchvision's grayscale mean (0.2989·R + 0.587·G + 0.114·B); with
/// <see cref="PerChannel"/> each channel gets its own factor and is pulled towards its own mean (multispectral
/// jitter). Works on any shape. Draws per sample: the coin, then one factor (or one per channel) when applied.
/// </summary>
public sealed class RandomContrast : IAugmentation
{
    /// <summary>Factors from max(0, 1 − <paramref name="strength"/>) to 1 + <paramref name="strength"/>, as torchvision's <c>contrast=strength</c>.</summary>
    /// <param name="strength">How far factors may stray from 1.</param>
    /// <param name="perChannel">One factor per channel instead of one per sample.</param>
    /// <param name="probability">Chance that a sample is changed.</param>
    /// <param name="clamp">The range results are clamped to; null for torchvision's [0, 1].</param>
    public RandomContrast(float strength, bool perChannel = false, float probability = 1f, ValueRange? clamp = null)
        : this(IntensityOps.StrengthRange(strength, nameof(strength)), perChannel, probability, clamp)
    {
    }

    /// <summary>Factors drawn from <paramref name="factors"/> (min, max), as torchvision's <c>contrast=(min, max)</c>.</summary>
    public RandomContrast((float Min, float Max) factors, bool perChannel = false, float probability = 1f, ValueRange? clamp = null)
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
        int length = BatchShape.Check(batch, sampleShape, count, random, nameof(RandomContrast), 1, int.MaxValue, "channels-first");
        int channels = sampleShape[0], channelLength = length / channels;
        for (int n = 0; n < count; n++)
        {
            if (!BatchShape.Chance(random, Probability)) continue;
            Span<float> sample = batch.Slice(n * length, length);
            if (!PerChannel)
            {
                float factor = IntensityOps.Factor(random, MinFactor, MaxFactor);
                IntensityOps.Blend(sample, factor, IntensityOps.SharedMean(sample, sampleShape), Clamp);
                continue;
            }
            for (int c = 0; c < channels; c++)
            {
                Span<float> channel = sample.Slice(c * channelLength, channelLength);
                float factor = IntensityOps.Factor(random, MinFactor, MaxFactor);
                IntensityOps.Blend(channel, factor, IntensityOps.ChannelMean(channel), Clamp);
            }
        }
    }
}
