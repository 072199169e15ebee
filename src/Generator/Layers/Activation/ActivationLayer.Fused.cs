using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// The activation statements a convolution emitted whole applies in place after its affine map (a dense layer's runs
/// in the runtime's <c>FusedActivation</c>): fused layers take PyTorch's default slope and α, and derive the gradient
/// from the output y, so they keep no pre-activation buffer.
/// </summary>
internal sealed partial class ActivationLayer
{
    /// <summary>The statement that applies <paramref name="activation"/> to <paramref name="values"/> in place (none for identity).</summary>
    public static void EmitForwardInPlace(CodeWriter w, ActivationKind activation, string values)
    {
        switch (activation)
        {
            case ActivationKind.None:
                return;
            case ActivationKind.GELU or ActivationKind.Hardsigmoid or ActivationKind.Hardswish or ActivationKind.SiLU:
                throw new System.InvalidOperationException($"{activation} is not applied in place: its backward needs the input (SinglePlan makes it a layer of its own).");
            case ActivationKind.LeakyReLU:
            case ActivationKind.ELU:
                w.Line($"ActivationKernels.{activation}({values}, {Format.Float(activation == ActivationKind.ELU ? 1f : 0.01f)});");
                return;
            default:
                w.Line($"ActivationKernels.{activation}({values});");
                return;
        }
    }

    /// <summary>The statement that multiplies <paramref name="gradient"/> by the activation's derivative, given the output.</summary>
    public static void EmitBackwardInPlace(CodeWriter w, ActivationKind activation, string output, string gradient)
    {
        switch (activation)
        {
            case ActivationKind.None:
                return;
            case ActivationKind.GELU or ActivationKind.Hardsigmoid or ActivationKind.Hardswish or ActivationKind.SiLU:
                throw new System.InvalidOperationException($"{activation} is not applied in place: its backward needs the input (SinglePlan makes it a layer of its own).");
            case ActivationKind.LeakyReLU:
            case ActivationKind.ELU:
                w.Line($"ActivationKernels.{activation}Backward({output}, {gradient}, {Format.Float(activation == ActivationKind.ELU ? 1f : 0.01f)});");
                return;
            default:
                w.Line($"ActivationKernels.{activation}Backward({output}, {gradient});");
                return;
        }
    }
}
