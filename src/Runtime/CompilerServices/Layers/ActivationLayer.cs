using System.ComponentModel;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// A stand-alone activation layer over <c>count</c> samples. Derivatives come from the output y where it determines
/// them; GELU's, Hardsigmoid's, Hardswish's, SiLU's and LeakyReLU's come from the input x (the first four as PyTorch
/// computes them, which y does not determine exactly; LeakyReLU's from x is right for any slope). The function is a constant of <typeparamref name="TShape"/>, so each specialization keeps one branch.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ActivationLayer<TShape> where TShape : struct, IActivationShape
{
    /// <summary>y = f(x).</summary>
    public static void Forward(ReadOnlySpan<float> input, Span<float> output, int count)
    {
        ReadOnlySpan<float> x = input.Slice(0, count * TShape.Length);
        Span<float> y = output.Slice(0, count * TShape.Length);
        switch (TShape.Function)
        {
            // One pass: read x, write y.
            case Activation.ReLU: ActivationKernels.ReLU(x, y); return;
            case Activation.ReLU6: ActivationKernels.ReLU6(x, y); return;
            case Activation.Hardsigmoid: ActivationKernels.Hardsigmoid(x, y); return;
            case Activation.Hardswish: ActivationKernels.Hardswish(x, y); return;
            case Activation.SiLU: ActivationKernels.SiLU(x, y); return;
        }
        x.CopyTo(y);
        switch (TShape.Function)
        {
            case Activation.None: return;
            case Activation.Sigmoid: ActivationKernels.Sigmoid(y); return;
            case Activation.Tanh: ActivationKernels.Tanh(y); return;
            case Activation.LeakyReLU: ActivationKernels.LeakyReLU(y, TShape.Alpha); return;
            case Activation.ELU: ActivationKernels.ELU(y, TShape.Alpha); return;
            case Activation.GELU: ActivationKernels.GELU(y); return;
            default: throw Unsupported();
        }
    }

    /// <summary>Inverts <see cref="Forward"/>: dx = dy · f′. <paramref name="outputGradient"/> may be overwritten; an empty <paramref name="inputGradient"/> means none is wanted.</summary>
    public static void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, int count)
    {
        if (inputGradient.IsEmpty) return;
        ReadOnlySpan<float> x = input.Slice(0, count * TShape.Length), y = output.Slice(0, count * TShape.Length);
        Span<float> dy = outputGradient.Slice(0, count * TShape.Length);
        switch (TShape.Function)
        {
            // One pass: read y (or x) and dy, write dx.
            case Activation.ReLU: ActivationKernels.ReLUBackward(y, dy, inputGradient); return;
            case Activation.ReLU6: ActivationKernels.ReLU6Backward(y, dy, inputGradient); return;
            case Activation.Hardsigmoid: ActivationKernels.HardsigmoidBackwardFromInput(x, dy, inputGradient); return;
            case Activation.Hardswish: ActivationKernels.HardswishBackwardFromInput(x, dy, inputGradient); return;
            case Activation.SiLU: ActivationKernels.SiLUBackwardFromInput(x, dy, inputGradient); return;
            case Activation.None: break;
            case Activation.Sigmoid: ActivationKernels.SigmoidBackward(y, dy); break;
            case Activation.Tanh: ActivationKernels.TanhBackward(y, dy); break;
            case Activation.LeakyReLU: ActivationKernels.LeakyReLUBackwardFromInput(x, dy, TShape.Alpha); break;
            case Activation.ELU: ActivationKernels.ELUBackward(y, dy, TShape.Alpha); break;
            case Activation.GELU: ActivationKernels.GELUBackwardFromInput(x, dy); break;
            default: throw Unsupported();
        }
        dy.CopyTo(inputGradient);
    }

    private static NotSupportedException Unsupported() => new($"{TShape.Function} has no stand-alone activation kernel.");
}
