using System.ComponentModel;
using System.Numerics.Tensors;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// Inverted dropout: in training each value is kept with probability 1 − rate and scaled by 1 / (1 − rate), and the
/// mask is kept for backward. Mask values come from <see cref="CounterRandom"/> addressed by (step seed, sample of the
/// batch, element), so they do not depend on how the batch is split across threads. In inference the layer copies.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Dropout<TShape> where TShape : struct, IDropoutShape
{
    /// <summary>Training: y = x · mask with mask ∈ {0, 1/(1 − rate)}, written to <paramref name="mask"/> as well; inference: y = x.</summary>
    public static void Forward(ReadOnlySpan<float> input, Span<float> output, Span<float> mask, Workspace workspace, int count)
    {
        int length = TShape.Length;
        ReadOnlySpan<float> x = input.Slice(0, count * length);
        Span<float> y = output.Slice(0, count * length);
        if (!workspace.Training)
        {
            x.CopyTo(y);
            return;
        }
        float keepScale = 1f / (1f - TShape.Rate);
        Span<float> m = mask.Slice(0, count * length);
        for (int n = 0; n < count; n++)
        {
            long sample = workspace.SampleOffset + n;
            for (int e = 0; e < length; e++)
            {
                m[n * length + e] = CounterRandom.Uniform(workspace.StepSeed, sample, e) >= TShape.Rate ? keepScale : 0f;
            }
        }
        TensorPrimitives.Multiply(x, m, y);
    }

    /// <summary>Inverts <see cref="Forward"/>: dx = dy · mask (the same mask).</summary>
    public static void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, ReadOnlySpan<float> mask, int count)
    {
        if (inputGradient.IsEmpty) return;
        int length = count * TShape.Length;
        TensorPrimitives.Multiply(outputGradient.Slice(0, length), mask.Slice(0, length), inputGradient.Slice(0, length));
    }
}
