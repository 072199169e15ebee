using System.Collections.Generic;
using CnnCompiler.Generator.Emit.Kernels;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit.Layers;

/// <summary>
/// Dense layers as GEMMs over the whole batch: Y = X · Wᵀ (+ b), and backward dW += dYᵀ · X, dX = dY · W.
/// A spatial input is read as its flat channel-major vector, as torch.flatten lays it out.
/// </summary>
internal sealed class DenseEmitter : ILayerEmitter
{
    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer) => layer.FoldsBatchNorm ? [BatchNormEmitter.FoldedBuffer(layer)] : [];

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        int inputs = (int)layer.Input.Length;
        int units = (int)layer.Output.Length;
        LayerDescription.EmitHeader(w, layer, $"strategy: GEMM over the batch, Y[n×{units}] = X[n×{inputs}] · W[{units}×{inputs}]ᵀ, dot products along the inputs");
        using (w.Block($"internal static class {layer.Identifier}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
            w.Line($"public const int Inputs = {inputs}, Units = {units};");
            w.Line();
            EmitForward(w, layer);
            w.Line();
            w.Line("/// <summary>Inverts <see cref=\"Forward\"/>: dW += dZᵀ · X, db += Σₙ dZ, dX = dZ · W, where dZ = dY · act′.</summary>");
            using (w.Block("public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count)"))
            {
                ActivationEmitter.EmitBackwardInPlace(w, layer.Decl.Activation, "output.Slice(0, count * Units)", "outputGradient.Slice(0, count * Units)");
                w.Line("ref float gradient = ref MemoryMarshal.GetReference(outputGradient);");
                w.Line("// An empty parameterGradients means the layer is frozen: only the input gradient is wanted.");
                using (w.Block("if (!parameterGradients.IsEmpty)"))
                {
                    if (layer.BiasCount > 0)
                    {
                        w.Line("Span<float> biasGradient = parameterGradients.Slice(BiasOffset, BiasCount);");
                        using (w.Block("for (int n = 0; n < count; n++)"))
                        {
                            w.Line("TensorPrimitives.Add(biasGradient, outputGradient.Slice(n * Units, Units), biasGradient);");
                        }
                    }
                    w.Line("AccumulateWeightGradient(ref gradient, ref MemoryMarshal.GetReference(input), ref Unsafe.Add(ref MemoryMarshal.GetReference(parameterGradients), WeightOffset), count);");
                }
                w.Line("if (inputGradient.IsEmpty) return;");
                w.Line("MultiplyGradientByWeights(ref gradient, ref Unsafe.Add(ref MemoryMarshal.GetReference(parameters), WeightOffset), ref MemoryMarshal.GetReference(inputGradient), count);");
            }
            w.Line();
            GemmEmitter.Emit(w, "MultiplyInputsByWeights", $"Y[n×{units}] = X[n×{inputs}] · W[{units}×{inputs}]ᵀ",
                new DotGemm(0, units, inputs, inputs, inputs, units, 1, Accumulate: false));
            w.Line();
            GemmEmitter.Emit(w, "AccumulateWeightGradient", $"dW[{units}×{inputs}] += dYᵀ[{units}×n] · X[n×{inputs}]",
                new BroadcastGemm(units, inputs, 0, 1, units, inputs, inputs, Accumulate: true));
            w.Line();
            GemmEmitter.Emit(w, "MultiplyGradientByWeights", $"dX[n×{inputs}] = dY[n×{units}] · W[{units}×{inputs}]",
                new BroadcastGemm(0, inputs, units, units, 1, inputs, inputs, Accumulate: false));
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer) =>
        ParameterInit.Emit(w, layer, fanIn: (int)layer.Input.Length, fanOut: (int)layer.Output.Length);

    private static void EmitForward(CodeWriter w, LayerPlan layer)
    {
        if (layer.FoldsBatchNorm)
        {
            BatchNormEmitter.EmitFoldedEntryPoints(w, layer, "·", "Units");
            EmitForwardBody(w, layer, BatchNormEmitter.ApplySignature,
                "ref MemoryMarshal.GetReference(weightValues)", "if (!bias.IsEmpty)", "bias");
            return;
        }
        w.Line("/// <summary>y = act(W · x + b) for <paramref name=\"count\"/> samples.</summary>");
        EmitForwardBody(w, layer, "public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count)",
            "ref Unsafe.Add(ref MemoryMarshal.GetReference(parameters), WeightOffset)", layer.BiasCount > 0 ? "" : null, "parameters.Slice(BiasOffset, BiasCount)");
    }

    /// <summary>The forward body; <paramref name="biasCondition"/> is null without bias, empty for a bias always present, else a run-time test.</summary>
    private static void EmitForwardBody(CodeWriter w, LayerPlan layer, string signature, string weights, string? biasCondition, string bias)
    {
        using (w.Block(signature))
        {
            w.Line($"ref float weights = {weights};");
            w.Line("MultiplyInputsByWeights(ref MemoryMarshal.GetReference(input), ref weights, ref MemoryMarshal.GetReference(output), count);");
            if (biasCondition is not null)
            {
                // Apply receives its bias as a parameter; Forward reads it from the parameters.
                using (biasCondition.Length == 0 ? null : w.Block(biasCondition))
                {
                    if (biasCondition.Length == 0) w.Line($"ReadOnlySpan<float> bias = {bias};");
                    using (w.Block("for (int n = 0; n < count; n++)"))
                    {
                        w.Line("Span<float> y = output.Slice(n * Units, Units);");
                        w.Line("TensorPrimitives.Add(y, bias, y);");
                    }
                }
            }
            ActivationEmitter.EmitForwardInPlace(w, layer.Decl.Activation, "output.Slice(0, count * Units)");
        }
    }
}
