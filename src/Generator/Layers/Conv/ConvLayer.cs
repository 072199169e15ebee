using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Convolutions of any rank: a class per layer with its offsets and entry points, forwarding to the runtime's
/// <c>Conv&lt;TShape&gt;</c> with the layer's kernel struct (<see cref="ConvKernel"/>: geometry, strategies and tiles as
/// the plan decided them) and the workspace arrays those strategies use, which the struct allocates.
/// </summary>
internal sealed class ConvLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Conv];

    public KernelPlan? Decide(LayerPlan layer) => ConvKernel.For(layer);

    /// <summary>The arrays of the layer's strategies, made by its kernel struct's <c>Buffers()</c> (the same for every layer that shares it); W' and b' when it folds the next BatchNorm.</summary>
    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer)
    {
        yield return new ScratchBuffer(layer.Identifier + "Buffers", "ConvBuffers", 0, PerSample: false, Initializer: $"Kernels.{layer.KernelName}.Buffers()");
        if (layer.FoldsBatchNorm) yield return BatchNormLayer.FoldedBuffer(layer);
    }

    public bool SharesClass(LayerPlan layer) => false;

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        var kernel = (ConvKernel)layer.Kernel!;
        LayerDescription.EmitKernelHeader(w, layer);
        string conv = $"Conv<Kernels.{layer.KernelName}>";
        string buffers = $"in ws.{layer.Identifier}Buffers";
        string bias = layer.BiasCount > 0 ? "p.Slice(BiasOffset, BiasCount)" : "default";
        using (w.Block($"internal static class {layer.ClassName}"))
        {
            if (LayerDescription.EmitCommonConstants(w, layer)) w.Line();
            w.Line(LayerDescription.ForwardSignature + " =>");
            w.Line($"    {conv}.Forward(p.Slice(WeightOffset, WeightCount), {bias}, x, y, n, {buffers});");
            if (layer.FoldsBatchNorm)
            {
                // W' then b' (one per output channel), as the BatchNorm's Fold writes them.
                w.Line("public static void ForwardFolded(ReadOnlySpan<float> folded, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>");
                w.Line($"    {conv}.Forward(folded.Slice(0, WeightCount), folded.Slice(WeightCount, {kernel.Geometry.OutChannels}), x, y, n, {buffers});");
            }
            w.Line($"public static void Backward({LayerDescription.BackwardParameters}) =>");
            string biasGradient = layer.BiasCount > 0 ? "dp.IsEmpty ? default : dp.Slice(BiasOffset, BiasCount)" : "default";
            w.Line($"    {conv}.Backward(p.Slice(WeightOffset, WeightCount), x, y, dy, dx, dp.IsEmpty ? default : dp.Slice(WeightOffset, WeightCount), {biasGradient}, n, {buffers});");
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
        ConvGeometry g = ((ConvKernel)layer.Kernel!).Geometry;
        ParameterInit.Emit(w, layer, fanIn: (int)g.ColumnRows, fanOut: g.OutChannels * (int)(g.ColumnRows / g.InChannels));
    }
}
