using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Global average and max pooling (C×… → C): a class per layer forwarding to the runtime's <c>GlobalPool&lt;TShape&gt;</c>;
/// max pooling gets a workspace array for its winners.
/// </summary>
internal sealed class GlobalPoolLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.GlobalAvgPool, LayerKind.GlobalMaxPool];

    public KernelPlan? Decide(LayerPlan layer) => GlobalPoolKernel.For(layer);

    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer)
    {
        if (layer.Kind == LayerKind.GlobalMaxPool) yield return new ScratchBuffer(layer.Identifier + "Argmax", "int", layer.Output.Length, PerSample: true);
    }

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        var kernel = (GlobalPoolKernel)layer.Kernel!;
        string pool = $"GlobalPool<Kernels.{layer.KernelName}>";
        string winners = kernel.Maximum ? $"workspace.{layer.Identifier}Argmax" : "default";
        LayerDescription.EmitHeader(w, layer, "strategy: " + kernel.Describe());
        using (w.Block($"internal static class {layer.Identifier}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
            w.Line();
            w.Line("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>");
            w.Line($"    {pool}.Forward(input, output, {winners}, count);");
            w.Line();
            w.Line("public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>");
            w.Line($"    {pool}.Backward(outputGradient, inputGradient, {winners}, count);");
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }
}
