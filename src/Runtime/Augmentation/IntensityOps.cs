using System.Numerics.Tensors;

namespace CnnCompiler;

/// <summary>The brightness and contrast formulas of torchvision's <c>adjust_brightness</c> and <c>adjust_contrast</c>, on spans.</summary>
internal static class IntensityOps
{
    // torchvision's rgb_to_grayscale weights.
    private const float Red = 0.2989f, Green = 0.587f, Blue = 0.114f;

    /// <summary>Brightness: <c>v = clamp(factor·v)</c>.</summary>
    public static void Scale(Span<float> values, float factor, ValueRange clamp)
    {
        TensorPrimitives.Multiply(values, factor, values);
        ClampValues(values, clamp);
    }

    /// <summary>Contrast: <c>v = clamp(factor·v + (1 − factor)·mean)</c>.</summary>
    public static void Blend(Span<float> values, float factor, float mean, ValueRange clamp)
    {
        TensorPrimitives.Multiply(values, factor, values);
        TensorPrimitives.Add(values, (1f - factor) * mean, values);
        ClampValues(values, clamp);
    }

    /// <summary>
    /// The mean a shared contrast change pulls towards: torchvision's grayscale mean (0.2989·R + 0.587·G + 0.114·B,
    /// averaged) for RGB images (3×H×W), else the mean of every value of the sample.
    /// </summary>
    public static float SharedMean(ReadOnlySpan<float> sample, ReadOnlySpan<int> sampleShape)
    {
        if (sampleShape.Length != 3 || sampleShape[0] != 3) return ChannelMean(sample);
        int plane = sample.Length / 3;
        float luminance = Red * TensorPrimitives.Sum(sample[..plane]) + Green * TensorPrimitives.Sum(sample.Slice(plane, plane))
            + Blue * TensorPrimitives.Sum(sample[(2 * plane)..]);
        return luminance / plane;
    }

    /// <summary>The mean of one channel's values.</summary>
    public static float ChannelMean(ReadOnlySpan<float> channel) => TensorPrimitives.Sum(channel) / channel.Length;

    /// <summary>A factor uniform in [min, max] (one <c>NextDouble</c> draw).</summary>
    public static float Factor(SeededRandom random, float min, float max) => (float)(min + (max - (double)min) * random.NextDouble());

    /// <summary>Checks a factor range given directly.</summary>
    public static (float Min, float Max) FactorRange(float min, float max, string name)
    {
        if (!(min >= 0f) || !float.IsFinite(max) || min > max)
            throw new ArgumentException($"The factor range needs 0 ≤ min ≤ max, finite; got [{min}, {max}].", name);
        return (min, max);
    }

    /// <summary>torchvision's range for a strength s: [max(0, 1 − s), 1 + s].</summary>
    public static (float Min, float Max) StrengthRange(float strength, string name)
    {
        if (!(strength >= 0f) || float.IsInfinity(strength))
            throw new ArgumentOutOfRangeException(name, strength, "The strength must be a finite value ≥ 0.");
        return (Math.Max(0f, 1f - strength), 1f + strength);
    }

    public static void ClampValues(Span<float> values, ValueRange clamp)
    {
        if (clamp.IsUnbounded) return;
        TensorPrimitives.Clamp(values, clamp.Min, clamp.Max, values);
    }
}
