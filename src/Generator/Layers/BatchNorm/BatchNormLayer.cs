using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// BatchNorm layers: a class per layer with its offsets, forwarding to the runtime's <c>BatchNorm&lt;TShape&gt;</c> with
/// the layer's kernel struct (sizes, momentum, ε, fused form). The passes call Forward, and in training ForwardReLU and
/// BackwardReLU when the ReLU after it is fused (else Backward); at inference, Fold when it folds into the layer before.
/// Its parameters are γ then β, contiguous as the plan lays out every layer's weights then bias.
/// </summary>
internal sealed partial class BatchNormLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.BatchNorm];

    public KernelPlan? Decide(LayerPlan layer) => BatchNormKernel.For(layer);

    /// <summary>Per channel: mean, 1/√(var + ε) and three coefficients (floats); this worker's forward and backward sums and the batch totals (doubles).</summary>
    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer)
    {
        int channels = layer.Output.Channels;
        yield return new ScratchBuffer(layer.Identifier + "PerChannel", "float", 5 * channels, PerSample: false);
        yield return new ScratchBuffer(layer.Identifier + "Sums", "double", 3 * (2 * channels + 1), PerSample: false);
    }

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        var kernel = (BatchNormKernel)layer.Kernel!;
        string id = layer.Identifier;
        string norm = $"BatchNorm<Kernels.{layer.KernelName}>";
        string scratch = $"workspace, StateOffset, workspace.{id}PerChannel, workspace.{id}Sums, count";
        LayerDescription.EmitHeader(w, layer, "strategy: " + kernel.Describe());
        using (w.Block($"internal static class {id}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
            w.Line($"public const int Channels = {kernel.Channels}, StateOffset = {layer.StateOffset};");
            // The runtime kernel documents each entry point; these only say where the layer's parameters, state and scratch are.
            w.Line();
            w.Line("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>");
            w.Line($"    {norm}.Forward(parameters.Slice(WeightOffset, 2 * Channels), input, output, {scratch});");
            if (kernel.FusesReLU)
            {
                w.Line();
                w.Line("/// <summary>Training: <paramref name=\"output\"/> is the output of the ReLU after this layer, written in its pass.</summary>");
                w.Line("public static void ForwardReLU(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>");
                w.Line($"    {norm}.ForwardReLU(parameters.Slice(WeightOffset, 2 * Channels), input, output, {scratch});");
                w.Line();
                w.Line("/// <summary>Training: <paramref name=\"output\"/> and <paramref name=\"outputGradient\"/> are the fused ReLU's.</summary>");
            }
            else
            {
                w.Line();
            }
            w.Line($"public static void {(kernel.FusesReLU ? "BackwardReLU" : "Backward")}(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>");
            w.Line($"    {norm}.Backward(parameters.Slice(WeightOffset, 2 * Channels), input, output, outputGradient, inputGradient,");
            w.Line($"        parameterGradients.IsEmpty ? default : parameterGradients.Slice(WeightOffset, 2 * Channels), {scratch});");
            if (layer.FoldedIntoPrevious)
            {
                w.Line();
                w.Line("public static void Fold(ReadOnlySpan<float> parameters, ReadOnlySpan<float> state, int weightOffset, int weightCount, int biasOffset, int biasCount, Span<float> folded) =>");
                w.Line($"    {norm}.Fold(parameters.Slice(WeightOffset, 2 * Channels), state.Slice(StateOffset, 2 * Channels), parameters.Slice(weightOffset, weightCount), parameters.Slice(biasOffset, biasCount), folded);");
            }
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
        string id = $"Layers.{layer.Identifier}";
        w.Line($"parameters.Slice({id}.WeightOffset, {id}.Channels).Fill(1f); // γ = 1, β = 0");
        w.Line($"state.Slice({id}.StateOffset + {id}.Channels, {id}.Channels).Fill(1f); // running variance 1, mean 0");
    }
}
