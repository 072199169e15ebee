using System.ComponentModel;
using System.Numerics.Tensors;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// A residual add, y = x + skip, over <c>count</c> samples of <see cref="IResidualAddShape.Length"/> floats; the gradient
/// passes to both inputs. With the ReLU after it fused (<see cref="IResidualAddShape.FusesReLU"/>) training writes
/// max(x + skip, 0) and masks the gradient both inputs get by the ReLU's output.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ResidualAdd<TShape> where TShape : struct, IResidualAddShape
{
    /// <summary>y = x + skip.</summary>
    public static void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> skip, Span<float> output, int count)
    {
        int length = count * TShape.Length;
        TensorPrimitives.Add(input.Slice(0, length), skip.Slice(0, length), output.Slice(0, length));
    }

    /// <summary>y = max(x + skip, 0) in one pass: <paramref name="output"/> is the fused ReLU's output.</summary>
    public static void ForwardReLU(ReadOnlySpan<float> input, ReadOnlySpan<float> skip, Span<float> output, int count)
    {
        int length = count * TShape.Length;
        ActivationKernels.AddReLU(input.Slice(0, length), skip.Slice(0, length), output.Slice(0, length));
    }

    /// <summary>
    /// Inverts the forward: dx = dskip = dy, or, with the ReLU fused, dy where y &gt; 0, else 0 (<paramref name="output"/>
    /// and <paramref name="outputGradient"/> are then the ReLU's; both gradients are written in one pass). An empty
    /// target is not wanted.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> skipGradient, int count)
    {
        int length = count * TShape.Length;
        if (TShape.FusesReLU)
        {
            ActivationKernels.AddReLUBackward(output.Slice(0, length), outputGradient.Slice(0, length),
                inputGradient.IsEmpty ? default : inputGradient.Slice(0, length), skipGradient.IsEmpty ? default : skipGradient.Slice(0, length));
            return;
        }
        ReadOnlySpan<float> dy = outputGradient.Slice(0, length);
        if (!inputGradient.IsEmpty) dy.CopyTo(inputGradient);
        if (!skipGradient.IsEmpty) dy.CopyTo(skipGradient);
    }
}
