using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>Upsampling layers: a class per layer forwarding to the runtime's <c>Upsample&lt;TShape&gt;</c>; no workspace arrays.</summary>
internal sealed class UpsampleLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Upsample];

    public KernelPlan? Decide(LayerPlan layer) => UpsampleKernel.For(layer);

    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer) => [];

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        string upsample = $"Upsample<Kernels.{layer.KernelName}>";
        LayerDescription.EmitHeader(w, layer, "strategy: " + layer.Kernel!.Describe());
        using (w.Block($"internal static class {layer.Identifier}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
            w.Line();
            w.Line("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>");
            w.Line($"    {upsample}.Forward(input, output, count);");
            w.Line();
            w.Line("public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>");
            w.Line($"    {upsample}.Backward(outputGradient, inputGradient, count);");
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }
}
