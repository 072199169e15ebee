using System.ComponentModel;
using System.Numerics.Tensors;

namespace CnnCompiler.CompilerServices;

/// <summary>Binary cross-entropy on logits, as nn.BCEWithLogitsLoss (reduction 'mean'): stable for large |z|.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BinaryCrossEntropyKernels
{
    /// <summary>
    /// σ(z) into <paramref name="probabilities"/>; returns Σ max(z, 0) − z·t + log(1 + e^−|z|) over the elements
    /// (0 when <paramref name="targets"/> is empty).
    /// </summary>
    public static float Forward(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> probabilities)
    {
        TensorPrimitives.Sigmoid(logits, probabilities.Slice(0, logits.Length));
        if (targets.IsEmpty) return 0f;
        double total = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            double z = logits[i];
            total += Math.Max(z, 0) - z * targets[i] + Math.Log(1 + Math.Exp(-Math.Abs(z)));
        }
        return (float)total;
    }

    /// <summary>dz = (σ(z) − t) · <paramref name="scale"/> (scale = 1 / element count of the whole batch).</summary>
    public static void Backward(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> targets, Span<float> logitGradients, float scale)
    {
        Span<float> gradient = logitGradients.Slice(0, targets.Length);
        TensorPrimitives.Subtract(probabilities.Slice(0, targets.Length), targets, gradient);
        TensorPrimitives.Multiply(gradient, scale, gradient);
    }
}
