using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Stand-alone activation layers ([ReLU], [LeakyReLU], [ELU], [GELU], [Sigmoid], [Tanh], and the identity a network
/// that ends in a flatten gets): a class per layer forwarding to the runtime's <c>ActivationLayer&lt;TShape&gt;</c>. A
/// ReLU that the layer before it applies in training has no Backward (training is the only backward).
/// </summary>
internal sealed partial class ActivationLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Activation];

    public KernelPlan? Decide(LayerPlan layer) => ActivationKernel.For(layer);

    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer) => [];

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        var kernel = (ActivationKernel)layer.Kernel!;
        string activation = $"ActivationLayer<Kernels.{layer.KernelName}>";
        LayerDescription.EmitHeader(w, layer, "strategy: " + (layer.FusedIntoPrevious
            ? "runs in the passes of the layer before it in training; at inference " + kernel.ForwardDescription
            : kernel.Describe()));
        using (w.Block($"internal static class {layer.Identifier}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
            w.Line();
            w.Line("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>");
            w.Line($"    {activation}.Forward(input, output, count);");
            if (layer.FusedIntoPrevious) return;
            w.Line();
            w.Line("public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>");
            w.Line($"    {activation}.Backward(input, output, outputGradient, inputGradient, count);");
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }

    /// <summary>The slope or α of an activation: the attribute's for stand-alone layers, PyTorch's default when fused.</summary>
    public static float Alpha(LayerDecl decl) => decl.Kind == LayerKind.Activation && decl.Alpha != 0f
        ? decl.Alpha
        : decl.Activation == ActivationKind.LeakyReLU ? 0.01f : 1f;
}
