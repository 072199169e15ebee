using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using System.Linq;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Convolutions of any rank: a class per layer with its offsets and entry points, forwarding to the runtime's
/// <c>Conv&lt;TShape&gt;</c> with the layer's kernel struct (<see cref="ConvKernel"/>: geometry, strategies and tiles as
/// the plan decided them) and the workspace arrays those strategies use.
/// </summary>
internal sealed class ConvLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Conv];

    public KernelPlan? Decide(LayerPlan layer) => ConvKernel.For(layer);

    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer)
    {
        foreach (var (name, length) in Buffers(layer)) yield return new ScratchBuffer(layer.Identifier + name, "float", length, PerSample: false);
        if (layer.FoldsBatchNorm) yield return BatchNormLayer.FoldedBuffer(layer);
    }

    /// <summary>
    /// The arrays the layer's strategies use, named as the runtime's <c>ConvBuffers</c> names them, with their lengths.
    /// The forward pass and the input gradient run at different times: they share the Winograd weights and blocks.
    /// </summary>
    private static IEnumerable<(string Name, long Length)> Buffers(LayerPlan layer)
    {
        var kernel = (ConvKernel)layer.Kernel!;
        ConvGeometry g = kernel.Geometry;
        if (kernel.UsesColumns) yield return ("Columns", g.ColumnRows * g.ColumnCols);
        if (kernel.Forward != ConvForward.Columns) yield return ("Padded", (long)g.InChannels * (g.OutHeight + g.KernelHeight - 1) * (g.OutWidth + g.KernelWidth - 1));
        if (kernel.Forward == ConvForward.ChannelLanes)
        {
            yield return ("WeightsByChannel", layer.WeightCount);
            yield return ("WeightsSource", layer.WeightCount);
            yield return ("OutputByPosition", layer.Output.Length);
        }
        if (kernel.WeightGradient == ConvWeightGradient.ChannelLanes)
        {
            yield return ("GradientByPosition", layer.Output.Length);
            yield return ("WeightGradientByChannel", layer.WeightCount);
        }
        if (kernel.InputGradient == ConvInputGradient.Direct) yield return ("PaddedGradient", (long)g.OutChannels * (g.InHeight + g.KernelHeight - 1) * (g.InWidth + g.KernelWidth - 1));
        if (kernel.InputGradient != ConvInputGradient.Columns) yield return ("RotatedWeights", layer.WeightCount);
        var passes = new List<(WinogradTiling Geometry, WinogradTiles Tiles)>();
        if (kernel.ForwardWinograd is { } forward) passes.Add((ConvKernel.ForwardWinogradGeometry(g), forward));
        if (kernel.InputGradientWinograd is { } gradient) passes.Add((ConvKernel.InputGradientWinogradGeometry(g), gradient));
        if (passes.Count > 0)
        {
            yield return ("WinogradWeights", passes.Max(p => p.Geometry.WeightsLength));
            yield return ("WinogradTransformed", passes.Max(p => p.Geometry.TransformedLength(p.Tiles)));
            yield return ("WinogradProducts", passes.Max(p => p.Geometry.ProductsLength(p.Tiles)));
        }
        // Each deinterleaved source keeps its own zero border, so the two are separate arrays.
        if (kernel.ForwardWinograd is { } forwardTiles) yield return ("WinogradSource", ConvKernel.ForwardWinogradGeometry(g).SourceLength(forwardTiles));
        if (kernel.InputGradientWinograd is { } gradientTiles) yield return ("WinogradGradientSource", ConvKernel.InputGradientWinogradGeometry(g).SourceLength(gradientTiles));
    }

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        var kernel = (ConvKernel)layer.Kernel!;
        LayerDescription.EmitHeader(w, layer, "strategy: " + kernel.Describe());
        string conv = $"Conv<Kernels.{layer.KernelName}>";
        string bias = layer.BiasCount > 0 ? "parameters.Slice(BiasOffset, BiasCount)" : "default";
        using (w.Block($"internal static class {layer.Identifier}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
            w.Line();
            w.Line(layer.FoldsBatchNorm
                ? "/// <summary>y = W ⊛ x + b for <paramref name=\"count\"/> samples (training: the BatchNorm after it runs on its own).</summary>"
                : "/// <summary>y = act(W ⊛ x + b) for <paramref name=\"count\"/> samples.</summary>");
            w.Line("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>");
            w.Line($"    {conv}.Forward(parameters.Slice(WeightOffset, WeightCount), {bias}, input, output, count, Buffers(workspace));");
            if (layer.FoldsBatchNorm)
            {
                w.Line();
                w.Line($"/// <summary>Inference with the next BatchNorm folded in: <paramref name=\"folded\"/> holds W' (WeightCount) then b' ({kernel.Geometry.OutChannels}).</summary>");
                w.Line("public static void ForwardFolded(ReadOnlySpan<float> folded, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>");
                w.Line($"    {conv}.Forward(folded.Slice(0, WeightCount), folded.Slice(WeightCount, {kernel.Geometry.OutChannels}), input, output, count, Buffers(workspace));");
            }
            w.Line();
            w.Line("/// <summary>Inverts <see cref=\"Forward\"/>: dZ = dY · act′, db += Σ dZ, dW += dZ ⋆ x, dx = dZ ⊛ rotated W. Empty parameterGradients: the layer is frozen.</summary>");
            w.Line("public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>");
            string biasGradient = layer.BiasCount > 0 ? "parameterGradients.IsEmpty ? default : parameterGradients.Slice(BiasOffset, BiasCount)" : "default";
            w.Line($"    {conv}.Backward(parameters.Slice(WeightOffset, WeightCount), input, output, outputGradient, inputGradient,");
            w.Line($"        parameterGradients.IsEmpty ? default : parameterGradients.Slice(WeightOffset, WeightCount), {biasGradient}, count, Buffers(workspace));");
            w.Line();
            w.Line("/// <summary>The workspace arrays of the layer's kernels.</summary>");
            string arrays = string.Join(", ", Buffers(layer).Select(b => $"{b.Name} = workspace.{layer.Identifier}{b.Name}"));
            w.Line($"private static ConvBuffers Buffers(Workspace workspace) => new() {{ {arrays} }};");
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
        ConvGeometry g = ((ConvKernel)layer.Kernel!).Geometry;
        ParameterInit.Emit(w, layer, fanIn: (int)g.ColumnRows, fanOut: g.OutChannels * (int)(g.ColumnRows / g.InChannels));
    }
}
