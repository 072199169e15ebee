using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// An activation fused into a convolution or dense layer, applied in place after the layer's affine map. The
/// activation is a constant of the layer's shape, so the switch below folds away in each specialized kernel. Fused
/// LeakyReLU and ELU use PyTorch's defaults (slope 0.01, α 1); GELU, Hardsigmoid, Hardswish and SiLU are never fused
/// (their backward needs the input), the generator splits each into a layer of its own, and they throw here.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FusedActivation
{
    /// <summary>y = act(y) in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward(Activation activation, Span<float> values)
    {
        switch (activation)
        {
            case Activation.None: return;
            case Activation.ReLU: ActivationKernels.ReLU(values); return;
            case Activation.ReLU6: ActivationKernels.ReLU6(values); return;
            case Activation.Sigmoid: ActivationKernels.Sigmoid(values); return;
            case Activation.Tanh: ActivationKernels.Tanh(values); return;
            case Activation.LeakyReLU: ActivationKernels.LeakyReLU(values, 0.01f); return;
            case Activation.ELU: ActivationKernels.ELU(values, 1f); return;
            default: throw Unsupported(activation);
        }
    }

    /// <summary>dy ·= act′, written in terms of the output y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Backward(Activation activation, ReadOnlySpan<float> output, Span<float> gradient)
    {
        switch (activation)
        {
            case Activation.None: return;
            case Activation.ReLU: ActivationKernels.ReLUBackward(output, gradient); return;
            case Activation.ReLU6: ActivationKernels.ReLU6Backward(output, gradient); return;
            case Activation.Sigmoid: ActivationKernels.SigmoidBackward(output, gradient); return;
            case Activation.Tanh: ActivationKernels.TanhBackward(output, gradient); return;
            case Activation.LeakyReLU: ActivationKernels.LeakyReLUBackward(output, gradient, 0.01f); return;
            case Activation.ELU: ActivationKernels.ELUBackward(output, gradient, 1f); return;
            default: throw Unsupported(activation);
        }
    }

    private static NotSupportedException Unsupported(Activation activation) =>
        new($"{activation} is not applied as a fused activation; the generator makes it a layer of its own.");
}
