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

    public bool SharesClass(LayerPlan layer) => false;

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        string dropout = $"Dropout<Kernels.{layer.KernelName}>";
        LayerDescription.EmitKernelHeader(w, layer);
        using (w.Block($"internal static class {layer.ClassName}"))
        {
            if (LayerDescription.EmitCommonConstants(w, layer)) w.Line();
            w.Line(LayerDescription.ForwardSignature + " =>");
            w.Line($"    {dropout}.Forward(x, y, ws.{layer.Identifier}Mask, ws, n);");
            w.Line($"public static void Backward({LayerDescription.BackwardParameters}) =>");
            w.Line($"    {dropout}.Backward(dy, dx, ws.{layer.Identifier}Mask, n);");
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }
}
