namespace CnnCompiler.Samples.Architectures.Data;

/// <summary>
/// Centres generated values on zero: <c>(x − mean) × scale</c>, with the mean measured once over a large sample of each
/// generator's output, so training and held-out sets are shifted alike. The spread is left at about 0.3–0.5 rather than
/// scaled to 1: with unit-variance inputs the networks' He/Glorot initialization (and max pooling) starts with large
/// logits (ClipNet at a loss near 5.6 instead of ln 4 ≈ 1.4) and training at the sample's learning rates often stalls.
/// </summary>
internal static class Normalization
{
    public static void Apply(Span<float> values, float mean, float scale)
    {
        for (int i = 0; i < values.Length; i++) values[i] = (values[i] - mean) * scale;
    }
}
