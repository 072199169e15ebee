namespace CnnCompiler;

/// <summary>
/// torchvision's <c>ColorJitter</c> for brightness and contrast, for any channel count: with probability
/// <see cref="Probability"/>, applies <see cref="RandomBrightness"/>'s and <see cref="RandomContrast"/>'s formulas in
/// a random order (as torchvision permutes its operations), each with a factor drawn from its range. A range of exactly
/// [1, 1] (strength 0) disables that operation, clamping included. With <see cref="PerChannel"/> every channel draws
/// its own factors and uses its own mean (multispectral jitter); saturation and hue, which exist only for RGB, are not
/// offered. Draws per sample: the coin; when applied, the order (<c>NextInt(2)</c>, only when both operations are
/// enabled); then the brightness and contrast factors, once or per channel in channel order.
/// </summary>
public sealed class ColorJitter : IAugmentation
{
    /// <param name="brightness">Brightness strength: factors in [max(0, 1 − b), 1 + b]; 0 disables.</param>
    /// <param name="contrast">Contrast strength: factors in [max(0, 1 − c), 1 + c]; 0 disables.</param>
    /// <param name="perChannel">One factor per channel and operation.</param>
    /// <param name="probability">Chance that a sample is jittered.</param>
    /// <param name="clamp">The range results are clamped to; null for torchvision's [0, 1].</param>
    public ColorJitter(float brightness = 0f, float contrast = 0f, bool perChannel = false, float probability = 1f, ValueRange? clamp = null)
        : this(IntensityOps.StrengthRange(brightness, nameof(brightness)), IntensityOps.StrengthRange(contrast, nameof(contrast)), perChannel, probability, clamp)
    {
    }

    /// <param name="brightness">Brightness factors (min, max).</param>
    /// <param name="contrast">Contrast factors (min, max).</param>
    /// <param name="perChannel">One factor per channel and operation.</param>
    /// <param name="probability">Chance that a sample is jittered.</param>
    /// <param name="clamp">The range results are clamped to; null for torchvision's [0, 1].</param>
    public ColorJitter((float Min, float Max) brightness, (float Min, float Max) contrast, bool perChannel = false, float probability = 1f, ValueRange? clamp = null)
    {
        Brightness = IntensityOps.FactorRange(brightness.Min, brightness.Max, nameof(brightness));
        Contrast = IntensityOps.FactorRange(contrast.Min, contrast.Max, nameof(contrast));
        PerChannel = perChannel;
        Probability = BatchShape.Probability(probability, nameof(probability));
        Clamp = clamp ?? ValueRange.Unit;
    }

    public (float Min, float Max) Brightness { get; }

    public (float Min, float Max) Contrast { get; }

    public bool PerChannel { get; }

    public float Probability { get; }

    public ValueRange Clamp { get; }

    private bool BrightnessEnabled => Brightness != (1f, 1f);

    private bool ContrastEnabled => Contrast != (1f, 1f);

    public void Apply(Span<float> batch, ReadOnlySpan<int> sampleShape, int count, SeededRandom random)
    {
        int length = BatchShape.Check(batch, sampleShape, count, random, nameof(ColorJitter), 1, int.MaxValue, "channels-first");
        int channels = sampleShape[0], channelLength = length / channels;
        bool brightnessOn = BrightnessEnabled, contrastOn = ContrastEnabled;
        for (int n = 0; n < count; n++)
        {
            if (!BatchShape.Chance(random, Probability)) continue;
            bool brightnessFirst = !(brightnessOn && contrastOn) || random.NextInt(2) == 0;
            Span<float> sample = batch.Slice(n * length, length);
            if (!PerChannel)
            {
                float b = brightnessOn ? IntensityOps.Factor(random, Brightness.Min, Brightness.Max) : 1f;
                float c = contrastOn ? IntensityOps.Factor(random, Contrast.Min, Contrast.Max) : 1f;
                Jitter(sample, sampleShape, b, c, brightnessOn, contrastOn, brightnessFirst, shared: true);
                continue;
            }
            for (int channel = 0; channel < channels; channel++)
            {
                float b = brightnessOn ? IntensityOps.Factor(random, Brightness.Min, Brightness.Max) : 1f;
                float c = contrastOn ? IntensityOps.Factor(random, Contrast.Min, Contrast.Max) : 1f;
                Jitter(sample.Slice(channel * channelLength, channelLength), sampleShape, b, c, brightnessOn, contrastOn, brightnessFirst, shared: false);
            }
        }
    }

    private void Jitter(
        Span<float> values, ReadOnlySpan<int> sampleShape, float brightness, float contrast, bool brightnessOn, bool contrastOn, bool brightnessFirst, bool shared)
    {
        if (brightnessOn && brightnessFirst) IntensityOps.Scale(values, brightness, Clamp);
        if (contrastOn)
        {
            float mean = shared ? IntensityOps.SharedMean(values, sampleShape) : IntensityOps.ChannelMean(values);
            IntensityOps.Blend(values, contrast, mean, Clamp);
        }
        if (brightnessOn && !brightnessFirst) IntensityOps.Scale(values, brightness, Clamp);
    }
}
