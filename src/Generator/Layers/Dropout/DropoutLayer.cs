using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Dropout layers: a class per layer forwarding to the runtime's <c>Dropout&lt;TShape&gt;</c>, with the workspace array
/// that keeps the mask for backward.
/// </summary>
internal sealed class DropoutLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Dropout];

    public KernelPlan? Decide(LayerPlan layer) => DropoutKernel.For(layer);

    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer)
    {
        yield return new ScratchBuffer(layer.Identifier + "Mask", "float", layer.Output.Length, PerSample: true);
    }

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        string dropout = $"Dropout<Kernels.{layer.KernelName}>";
        LayerDescription.EmitHeader(w, layer, "strategy: " + layer.Kernel!.Describe());
        using (w.Block($"internal static class {layer.Identifier}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
            w.Line();
            w.Line("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>");
            w.Line($"    {dropout}.Forward(input, output, workspace.{layer.Identifier}Mask, workspace, count);");
            w.Line();
            w.Line("public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>");
            w.Line($"    {dropout}.Backward(outputGradient, inputGradient, workspace.{layer.Identifier}Mask, count);");
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }
}
