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

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        var kernel = (DenseKernel)layer.Kernel!;
        LayerDescription.EmitHeader(w, layer, "strategy: " + kernel.Describe());
        string dense = $"Dense<Kernels.{layer.KernelName}>";
        string bias = layer.BiasCount > 0 ? "parameters.Slice(BiasOffset, BiasCount)" : "default";
        using (w.Block($"internal static class {layer.Identifier}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
            w.Line();
            w.Line("/// <summary>y = act(W · x + b) for <paramref name=\"count\"/> samples.</summary>");
            w.Line("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>");
            w.Line($"    {dense}.Forward(parameters.Slice(WeightOffset, WeightCount), {bias}, input, output, count);");
            if (layer.FoldsBatchNorm)
            {
                w.Line();
                w.Line($"/// <summary>Inference with the next BatchNorm folded in: <paramref name=\"folded\"/> holds W' (WeightCount) then b' ({kernel.Units}).</summary>");
                w.Line("public static void ForwardFolded(ReadOnlySpan<float> folded, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>");
                w.Line($"    {dense}.Forward(folded.Slice(0, WeightCount), folded.Slice(WeightCount, {kernel.Units}), input, output, count);");
            }
            w.Line();
            w.Line("/// <summary>Inverts <see cref=\"Forward\"/>: dZ = dY · act′, dW += dZᵀ · X, db += Σₙ dZ, dX = dZ · W. Empty parameterGradients: the layer is frozen.</summary>");
            w.Line("public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>");
            string biasGradient = layer.BiasCount > 0 ? "parameterGradients.IsEmpty ? default : parameterGradients.Slice(BiasOffset, BiasCount)" : "default";
            w.Line($"    {dense}.Backward(parameters.Slice(WeightOffset, WeightCount), input, output, outputGradient, inputGradient,");
            w.Line($"        parameterGradients.IsEmpty ? default : parameterGradients.Slice(WeightOffset, WeightCount), {biasGradient}, count);");
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer) =>
        ParameterInit.Emit(w, layer, fanIn: (int)layer.Input.Length, fanOut: (int)layer.Output.Length);
}
