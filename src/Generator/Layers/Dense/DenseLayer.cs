using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Dense layers: a class per layer with its offsets, forwarding to the runtime's <c>Dense&lt;TShape&gt;</c> with the
/// layer's kernel struct (sizes, activation, GEMM tiles as the plan decided them).
/// </summary>
internal sealed class DenseLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Dense];

    public KernelPlan? Decide(LayerPlan layer) => DenseKernel.For(layer);

    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer) => layer.FoldsBatchNorm ? [BatchNormLayer.FoldedBuffer(layer)] : [];

    public bool SharesClass(LayerPlan layer) => false;

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        var kernel = (DenseKernel)layer.Kernel!;
        LayerDescription.EmitKernelHeader(w, layer);
        string dense = $"Dense<Kernels.{layer.KernelName}>";
        string bias = layer.BiasCount > 0 ? "p.Slice(BiasOffset, BiasCount)" : "default";
        using (w.Block($"internal static class {layer.ClassName}"))
        {
            if (LayerDescription.EmitCommonConstants(w, layer)) w.Line();
            w.Line(LayerDescription.ForwardSignature + " =>");
            w.Line($"    {dense}.Forward(p.Slice(WeightOffset, WeightCount), {bias}, x, y, n);");
            if (layer.FoldsBatchNorm)
            {
                // W' then b' (one per unit), as the BatchNorm's Fold writes them.
                w.Line("public static void ForwardFolded(ReadOnlySpan<float> folded, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>");
                w.Line($"    {dense}.Forward(folded.Slice(0, WeightCount), folded.Slice(WeightCount, {kernel.Units}), x, y, n);");
            }
            w.Line($"public static void Backward({LayerDescription.BackwardParameters}) =>");
            string biasGradient = layer.BiasCount > 0 ? "dp.IsEmpty ? default : dp.Slice(BiasOffset, BiasCount)" : "default";
            w.Line($"    {dense}.Backward(p.Slice(WeightOffset, WeightCount), x, y, dy, dx, dp.IsEmpty ? default : dp.Slice(WeightOffset, WeightCount), {biasGradient}, n);");
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer) =>
        ParameterInit.Emit(w, layer, fanIn: (int)layer.Input.Length, fanOut: (int)layer.Output.Length);
}
