using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Stand-alone activation layers ([ReLU], [LeakyReLU], [ELU], [GELU], [Sigmoid], [Tanh], [ReLU6], [Hardswish],
/// [Hardsigmoid], [SiLU], and the identity a network
/// that ends in a flatten gets): a class per layer forwarding to the runtime's <c>ActivationLayer&lt;TShape&gt;</c>. A
/// ReLU that the layer before it applies in training has no Backward (training is the only backward).
/// </summary>
internal sealed partial class ActivationLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Activation];

    public KernelPlan? Decide(LayerPlan layer) => ActivationKernel.For(layer);

    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer) => [];

    public bool SharesClass(LayerPlan layer) => true;

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        string activation = $"ActivationLayer<Kernels.{layer.KernelName}>";
        LayerDescription.EmitKernelHeader(w, layer, layer.FusedIntoPrevious ? " at inference; in training the layer before applies it in its passes" : "");
        using (w.Block($"internal static class {layer.ClassName}"))
        {
            if (LayerDescription.EmitCommonConstants(w, layer)) w.Line();
            w.Line(LayerDescription.ForwardSignature + " =>");
            w.Line($"    {activation}.Forward(x, y, n);");
            // A ReLU that the layer before applies in training runs only at inference: no Backward, unless its class is shared.
            if (layer.FusedIntoPrevious && layer.ClassName == layer.Identifier) return;
            w.Line($"public static void Backward({LayerDescription.BackwardParameters}) =>");
            w.Line($"    {activation}.Backward(x, y, dy, dx, n);");
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }

    /// <summary>
    /// Whether the activation's derivative is computed from its input (as PyTorch computes it; the output does not
    /// determine it exactly): GELU, Hardsigmoid, Hardswish and SiLU. A convolution or dense layer does not fuse these (its
    /// output overwrites the input they need); <see cref="SinglePlan.Add"/> makes each a layer of its own after it.
    /// </summary>
    public static bool NeedsInput(ActivationKind activation) =>
        activation is ActivationKind.GELU or ActivationKind.Hardsigmoid or ActivationKind.Hardswish or ActivationKind.SiLU;

    /// <summary>The slope or α of an activation: the attribute's for stand-alone layers, PyTorch's default when fused.</summary>
    public static float Alpha(LayerDecl decl) => decl.Kind == LayerKind.Activation && decl.Alpha != 0f
        ? decl.Alpha
        : decl.Activation == ActivationKind.LeakyReLU ? 0.01f : 1f;
}
