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

    public bool SharesClass(LayerPlan layer) => true;

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        string upsample = $"Upsample<Kernels.{layer.KernelName}>";
        LayerDescription.EmitKernelHeader(w, layer);
        using (w.Block($"internal static class {layer.ClassName}"))
        {
            if (LayerDescription.EmitCommonConstants(w, layer)) w.Line();
            w.Line(LayerDescription.ForwardSignature + " =>");
            w.Line($"    {upsample}.Forward(x, y, n);");
            w.Line($"public static void Backward({LayerDescription.BackwardParameters}) =>");
            w.Line($"    {upsample}.Backward(dy, dx, n);");
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }
}
