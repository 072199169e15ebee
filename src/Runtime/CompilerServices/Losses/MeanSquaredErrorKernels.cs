using System.ComponentModel;
using System.Numerics.Tensors;

namespace CnnCompiler.CompilerServices;

/// <summary>Mean squared error over every element, as nn.MSELoss (reduction 'mean').</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MeanSquaredErrorKernels
{
    /// <summary>Σ (y − t)² over the given outputs (the caller divides by the total element count).</summary>
    public static float Forward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets)
    {
        double total = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            double d = outputs[i] - targets[i];
            total += d * d;
        }
        return (float)total;
    }

    /// <summary>dy = 2 (y − t) · <paramref name="scale"/> (scale = 1 / element count of the whole batch).</summary>
    public static void Backward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> outputGradients, float scale)
    {
        TensorPrimitives.Subtract(outputs, targets, outputGradients.Slice(0, outputs.Length));
        TensorPrimitives.Multiply(outputGradients.Slice(0, outputs.Length), 2f * scale, outputGradients.Slice(0, outputs.Length));
    }
}
