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

    public bool SharesClass(LayerPlan layer) => layer.Kind == LayerKind.GlobalAvgPool;

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        var kernel = (GlobalPoolKernel)layer.Kernel!;
        string pool = $"GlobalPool<Kernels.{layer.KernelName}>";
        string winners = kernel.Maximum ? $"ws.{layer.Identifier}Argmax" : "default";
        LayerDescription.EmitKernelHeader(w, layer);
        using (w.Block($"internal static class {layer.ClassName}"))
        {
            if (LayerDescription.EmitCommonConstants(w, layer)) w.Line();
            w.Line(LayerDescription.ForwardSignature + " =>");
            w.Line($"    {pool}.Forward(x, y, {winners}, n);");
            w.Line($"public static void Backward({LayerDescription.BackwardParameters}) =>");
            w.Line($"    {pool}.Backward(dy, dx, {winners}, n);");
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }
}
