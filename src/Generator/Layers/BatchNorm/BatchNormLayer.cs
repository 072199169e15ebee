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

    public bool SharesClass(LayerPlan layer) => false;

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        var kernel = (BatchNormKernel)layer.Kernel!;
        string id = layer.Identifier;
        string norm = $"BatchNorm<Kernels.{layer.KernelName}>";
        string scratch = $"ws, StateOffset, ws.{id}PerChannel, ws.{id}Sums, n";
        LayerDescription.EmitKernelHeader(w, layer);
        using (w.Block($"internal static class {id}"))
        {
            // γ then β (Channels each) from WeightOffset; the running statistics from StateOffset in the state.
            w.Line($"public const int WeightOffset = {layer.WeightOffset}, Channels = {kernel.Channels}, StateOffset = {layer.StateOffset};");
            // The runtime kernel documents each entry point; these only say where the layer's parameters, state and scratch are.
            w.Line();
            w.Line(LayerDescription.ForwardSignature + " =>");
            w.Line($"    {norm}.Forward(p.Slice(WeightOffset, 2 * Channels), x, y, {scratch});");
            if (kernel.FusesReLU)
            {
                w.Line("public static void ForwardReLU(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>");
                w.Line($"    {norm}.ForwardReLU(p.Slice(WeightOffset, 2 * Channels), x, y, {scratch});");
            }
            w.Line($"public static void {(kernel.FusesReLU ? "BackwardReLU" : "Backward")}({LayerDescription.BackwardParameters}) =>");
            w.Line($"    {norm}.Backward(p.Slice(WeightOffset, 2 * Channels), x, y, dy, dx, dp.IsEmpty ? default : dp.Slice(WeightOffset, 2 * Channels), {scratch});");
            if (layer.FoldedIntoPrevious)
            {
                // W' and b' of the layer before (its weights and bias at the offsets given) into folded.
                w.Line("public static void Fold(ReadOnlySpan<float> p, ReadOnlySpan<float> state, int weightOffset, int weightCount, int biasOffset, int biasCount, Span<float> folded) =>");
                w.Line($"    {norm}.Fold(p.Slice(WeightOffset, 2 * Channels), state.Slice(StateOffset, 2 * Channels), p.Slice(weightOffset, weightCount), p.Slice(biasOffset, biasCount), folded);");
            }
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
        int channels = layer.Output.Channels;
        w.Line($"parameters.Slice({layer.WeightOffset}, {channels}).Fill(1f); // {layer.Name}: γ = 1, β = 0");
        w.Line($"state.Slice({layer.StateOffset + channels}, {channels}).Fill(1f); // running variance 1, mean 0");
    }
}
