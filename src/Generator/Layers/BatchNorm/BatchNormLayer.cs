using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// BatchNorm per channel (per feature after a dense layer). Training uses the statistics of the whole mini-batch: each
/// worker sums its samples, the sums meet in the step's <c>SyncGroup</c>, and every worker reduces them in worker
/// order. Worker 0 alone updates the running statistics and adds γ and β gradients (the workers' gradient buffers are
/// summed afterwards). Inference uses the running statistics.
/// </summary>
internal sealed class BatchNormLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.BatchNorm];

    public KernelPlan? Decide(LayerPlan layer) => null;

    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer)
    {
        int channels = layer.Output.Channels;
        int sums = 2 * channels + 1;
        yield return new ScratchBuffer(layer.Identifier + "Mean", "float", channels, PerSample: false);
        yield return new ScratchBuffer(layer.Identifier + "InvStd", "float", channels, PerSample: false);
        yield return new ScratchBuffer(layer.Identifier + "Coefficients", "float", 3 * channels, PerSample: false);
        yield return new ScratchBuffer(layer.Identifier + "Partials", "double", 2 * sums, PerSample: false);
        yield return new ScratchBuffer(layer.Identifier + "Totals", "double", sums, PerSample: false);
    }

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        string id = layer.Identifier;
        LayerDescription.EmitHeader(w, layer, layer.FusesNextReLU
            ? "strategy: per channel, batch sums shared across workers, then one fused multiply-add pass per plane (PlaneKernels); in training the ReLU after it runs in the same passes (clamp forward, mask backward); running statistics in inference"
            : "strategy: per channel, batch sums shared across workers, then one fused multiply-add pass per plane (PlaneKernels); running statistics in inference");
        using (w.Block($"internal static class {id}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
            w.Line($"public const int Channels = {layer.Output.Channels}, Plane = {Format.Int(layer.Output.PlaneLength)};");
            w.Line($"public const int StateOffset = {layer.StateOffset};");
            w.Line("/// <summary>Sums one worker contributes per pass: Σx and Σx² (or Σdy and Σdy·x̂) per channel, then its element count.</summary>");
            w.Line("private const int SyncLength = 2 * Channels + 1;");
            w.Line($"private const double Momentum = {ActivationLayer.Literal(layer.Decl.Momentum).TrimEnd('f')}, Epsilon = {ActivationLayer.Literal(layer.Decl.Epsilon).TrimEnd('f')};");
            w.Line();
            bool relu = layer.FusesNextReLU;
            w.Line("/// <summary>y = γ · (x − mean) / √(var + ε) + β with batch statistics (training) or running statistics (inference).</summary>");
            using (w.Block("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count)"))
            {
                w.Line("Statistics(input, workspace, count);");
                EmitAffinePass(w, id, "ScaleShift");
            }
            w.Line();
            if (relu)
            {
                w.Line("/// <summary>");
                w.Line("/// Training with the ReLU after this layer fused in: <paramref name=\"output\"/> is the ReLU's output,");
                w.Line("/// y = max(γ · (x − mean) / √(var + ε) + β, 0), written in the same pass (this layer's own output is not written).");
                w.Line("/// </summary>");
                using (w.Block("public static void ForwardReLU(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count)"))
                {
                    w.Line("Statistics(input, workspace, count);");
                    EmitAffinePass(w, id, "ScaleShiftReLU");
                }
                w.Line();
            }
            w.Line("/// <summary>The mean and 1/√(var + ε) per channel: of the whole batch (training; also updates the running statistics) or the running ones.</summary>");
            using (w.Block("private static void Statistics(ReadOnlySpan<float> input, Workspace workspace, int count)"))
            {
                w.Line($"Span<float> mean = workspace.{id}Mean, invStd = workspace.{id}InvStd;");
                w.Line("Span<float> runningMean = workspace.State.AsSpan(StateOffset, Channels), runningVar = workspace.State.AsSpan(StateOffset + Channels, Channels);");
                using (w.Block("if (workspace.Training)"))
                {
                    w.Line($"Span<double> partial = workspace.Sync is null ? workspace.{id}Partials.AsSpan(0, SyncLength) : workspace.Sync.Slots(workspace.Worker, 2 * StateOffset, SyncLength);");
                    w.Line("partial.Clear();");
                    w.Line(SampleMajor);
                    using (w.Block("for (int n = 0; n < count; n++)"))
                    {
                        using (w.Block("for (int c = 0; c < Channels; c++)"))
                        {
                            w.Line("(double planeSum, double planeSquares) = PlaneKernels.SumAndSquares(input.Slice((n * Channels + c) * Plane, Plane));");
                            w.Line("partial[2 * c] += planeSum;");
                            w.Line("partial[2 * c + 1] += planeSquares;");
                        }
                    }
                    w.Line("partial[2 * Channels] = (double)count * Plane;");
                    w.Line($"ReadOnlySpan<double> totals = Reduce(workspace, partial, 2 * StateOffset);");
                    w.Line("double elements = totals[2 * Channels];");
                    using (w.Block("for (int c = 0; c < Channels; c++)"))
                    {
                        w.Line("double mu = totals[2 * c] / elements;");
                        w.Line("double variance = Math.Max(totals[2 * c + 1] / elements - mu * mu, 0);");
                        w.Line("mean[c] = (float)mu;");
                        w.Line("invStd[c] = (float)(1 / Math.Sqrt(variance + Epsilon));");
                        using (w.Block("if (workspace.Worker == 0)"))
                        {
                            w.Line("// PyTorch keeps the unbiased variance in the running statistics.");
                            w.Line("double unbiased = elements > 1 ? variance * elements / (elements - 1) : variance;");
                            w.Line("runningMean[c] = (float)((1 - Momentum) * runningMean[c] + Momentum * mu);");
                            w.Line("runningVar[c] = (float)((1 - Momentum) * runningVar[c] + Momentum * unbiased);");
                        }
                    }
                    w.Line("if (workspace.Worker == 0) workspace.State[StateOffset + 2 * Channels] += 1;");
                }
                using (w.Block("else"))
                {
                    using (w.Block("for (int c = 0; c < Channels; c++)"))
                    {
                        w.Line("mean[c] = runningMean[c];");
                        w.Line("invStd[c] = (float)(1 / Math.Sqrt(runningVar[c] + Epsilon));");
                    }
                }
            }
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// Inverts <see cref=\"Forward\"/> (training): dγ = Σ dy·x̂, dβ = Σ dy, dx = γ·invStd·(dy − Σdy/M − x̂·Σ(dy·x̂)/M),");
            w.Line("/// sums over the whole batch (M elements per channel).");
            if (relu)
            {
                w.Line("/// Training runs this layer and the ReLU after it as one: <paramref name=\"output\"/> and <paramref name=\"outputGradient\"/>");
                w.Line("/// are the ReLU's, and dy is the ReLU's output gradient masked by its output (y > 0) as the passes read it.");
            }
            w.Line("/// </summary>");
            using (w.Block($"public static void {(relu ? "BackwardReLU" : "Backward")}(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count)"))
            {
                w.Line($"ReadOnlySpan<float> mean = workspace.{id}Mean, invStd = workspace.{id}InvStd;");
                w.Line($"Span<double> partial = workspace.Sync is null ? workspace.{id}Partials.AsSpan(SyncLength, SyncLength) : workspace.Sync.Slots(workspace.Worker, 2 * StateOffset + SyncLength, SyncLength);");
                w.Line("partial.Clear();");
                w.Line(SampleMajor);
                using (w.Block("for (int n = 0; n < count; n++)"))
                {
                    using (w.Block("for (int c = 0; c < Channels; c++)"))
                    {
                        w.Line("int offset = (n * Channels + c) * Plane;");
                        w.Line(relu
                            ? "(double planeDy, double planeDyX) = PlaneKernels.SumAndDotReLU(outputGradient.Slice(offset, Plane), output.Slice(offset, Plane), input.Slice(offset, Plane));"
                            : "(double planeDy, double planeDyX) = PlaneKernels.SumAndDot(outputGradient.Slice(offset, Plane), input.Slice(offset, Plane));");
                        w.Line("partial[2 * c] += planeDy;");
                        w.Line("partial[2 * c + 1] += (planeDyX - mean[c] * planeDy) * invStd[c];");
                    }
                }
                w.Line("partial[2 * Channels] = (double)count * Plane;");
                w.Line("ReadOnlySpan<double> totals = Reduce(workspace, partial, 2 * StateOffset + SyncLength);");
                w.Line("double elements = totals[2 * Channels];");
                w.Line("// An empty parameterGradients means the layer is frozen: γ and β get no gradient.");
                using (w.Block("if (workspace.Worker == 0 && !parameterGradients.IsEmpty)"))
                {
                    using (w.Block("for (int c = 0; c < Channels; c++)"))
                    {
                        w.Line("parameterGradients[WeightOffset + c] += (float)totals[2 * c + 1];");
                        w.Line("parameterGradients[BiasOffset + c] += (float)totals[2 * c];");
                    }
                }
                w.Line("if (inputGradient.IsEmpty) return;");
                w.Line("// dx = dy·k1 + x·k2 + k3, the formula above expanded per channel.");
                w.Line($"Span<float> k = workspace.{id}Coefficients;");
                using (w.Block("for (int c = 0; c < Channels; c++)"))
                {
                    w.Line("double k1 = parameters[WeightOffset + c] * (double)invStd[c];");
                    w.Line("double k2 = -k1 * invStd[c] * totals[2 * c + 1] / elements;");
                    w.Line("double k3 = -k1 * totals[2 * c] / elements - k2 * mean[c];");
                    w.Line("k[c] = (float)k1;");
                    w.Line("k[Channels + c] = (float)k2;");
                    w.Line("k[2 * Channels + c] = (float)k3;");
                }
                using (w.Block("for (int n = 0; n < count; n++)"))
                {
                    using (w.Block("for (int c = 0; c < Channels; c++)"))
                    {
                        w.Line("int offset = (n * Channels + c) * Plane;");
                        w.Line(relu
                            ? "PlaneKernels.CombineReLU(outputGradient.Slice(offset, Plane), output.Slice(offset, Plane), k[c], input.Slice(offset, Plane), k[Channels + c], k[2 * Channels + c], inputGradient.Slice(offset, Plane));"
                            : "PlaneKernels.Combine(outputGradient.Slice(offset, Plane), k[c], input.Slice(offset, Plane), k[Channels + c], k[2 * Channels + c], inputGradient.Slice(offset, Plane));");
                    }
                }
            }
            w.Line();
            if (layer.FoldedIntoPrevious)
            {
                w.Line("/// <summary>");
                w.Line("/// Folds the inference transform into the layer before it, which nothing else reads: with a = γ/√(σ² + ε),");
                w.Line("/// W'[c, …] = a[c]·W[c, …] and b'[c] = a[c]·(b[c] − μ[c]) + β[c]. Written to <paramref name=\"folded\"/>: W' then b'.");
                w.Line("/// Recomputed on every inference pass (each chunk of up to InferenceChunk samples; a pass over that layer's weights),");
                w.Line("/// so it always reflects the current parameters and statistics.");
                w.Line("/// </summary>");
                using (w.Block("public static void Fold(ReadOnlySpan<float> parameters, ReadOnlySpan<float> state, int weightOffset, int weightCount, int biasOffset, int biasCount, Span<float> folded)"))
                {
                    w.Line("int perChannel = weightCount / Channels;");
                    using (w.Block("for (int c = 0; c < Channels; c++)"))
                    {
                        w.Line("float a = parameters[WeightOffset + c] * (float)(1 / Math.Sqrt(state[StateOffset + Channels + c] + Epsilon));");
                        w.Line("TensorPrimitives.Multiply(parameters.Slice(weightOffset + c * perChannel, perChannel), a, folded.Slice(c * perChannel, perChannel));");
                        w.Line("float bias = biasCount > 0 ? parameters[biasOffset + c] : 0f;");
                        w.Line("folded[weightCount + c] = a * (bias - state[StateOffset + c]) + parameters[BiasOffset + c];");
                    }
                }
                w.Line();
            }
            w.Line("/// <summary>The batch-wide sums: this worker's own on one thread, else every worker's region added in worker order.</summary>");
            using (w.Block("private static ReadOnlySpan<double> Reduce(Workspace workspace, ReadOnlySpan<double> partial, int offset)"))
            {
                w.Line("if (workspace.Sync is not { } sync) return partial;");
                w.Line("sync.Wait();");
                w.Line($"Span<double> totals = workspace.{id}Totals;");
                w.Line("totals.Clear();");
                using (w.Block("for (int worker = 0; worker < sync.Workers; worker++)"))
                {
                    w.Line("ReadOnlySpan<double> region = sync.Slots(worker, offset, SyncLength);");
                    w.Line("for (int k = 0; k < SyncLength; k++) totals[k] += region[k];");
                }
                w.Line("return totals;");
            }
        }
    }

    /// <summary>The comment on the passes' loop order.</summary>
    private const string SampleMajor = "// Samples outer, channels inner: the planes are read in memory order. Each channel's sums still add its samples in order.";

    /// <summary>The per-channel affine pass y = x · a + b (<paramref name="kernel"/>: ScaleShift, or ScaleShiftReLU to clamp as well).</summary>
    private static void EmitAffinePass(CodeWriter w, string id, string kernel)
    {
        w.Line($"ReadOnlySpan<float> mean = workspace.{id}Mean, invStd = workspace.{id}InvStd;");
        w.Line("// y = x · a + b with a = γ · invStd and b = β − mean · a.");
        w.Line($"Span<float> a = workspace.{id}Coefficients.AsSpan(0, Channels), b = workspace.{id}Coefficients.AsSpan(Channels, Channels);");
        using (w.Block("for (int c = 0; c < Channels; c++)"))
        {
            w.Line("a[c] = parameters[WeightOffset + c] * invStd[c];");
            w.Line("b[c] = parameters[BiasOffset + c] - mean[c] * a[c];");
        }
        w.Line(SampleMajor);
        using (w.Block("for (int n = 0; n < count; n++)"))
        {
            using (w.Block("for (int c = 0; c < Channels; c++)"))
            {
                w.Line("int offset = (n * Channels + c) * Plane;");
                w.Line($"PlaneKernels.{kernel}(input.Slice(offset, Plane), a[c], b[c], output.Slice(offset, Plane));");
            }
        }
    }

    /// <summary>
    /// The two entry points of a layer that folds the next BatchNorm: Forward with its own weights (training, where the
    /// BatchNorm runs on its own) and ForwardFolded with W' and b' (inference); both call the layer's Apply, whose
    /// signature is the one <see cref="ApplySignature"/> gives and which the caller emits next.
    /// </summary>
    public static void EmitFoldedEntryPoints(CodeWriter w, LayerPlan layer, string product, string channels)
    {
        string bias = layer.BiasCount > 0 ? "parameters.Slice(BiasOffset, BiasCount)" : "default";
        w.Line($"/// <summary>y = W {product} x + b for <paramref name=\"count\"/> samples (training: the BatchNorm after it runs on its own).</summary>");
        w.Line("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>");
        w.Line($"    Apply(parameters.Slice(WeightOffset, WeightCount), {bias}, input, output, workspace, count);");
        w.Line();
        w.Line($"/// <summary>Inference with the next BatchNorm folded in: <paramref name=\"folded\"/> holds W' (WeightCount) then b' ({channels}).</summary>");
        w.Line("public static void ForwardFolded(ReadOnlySpan<float> folded, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>");
        w.Line($"    Apply(folded.Slice(0, WeightCount), folded.Slice(WeightCount, {channels}), input, output, workspace, count);");
        w.Line();
        w.Line($"/// <summary>y = W {product} x + b with the given weights and bias (empty: none).</summary>");
    }

    /// <summary>The signature of the Apply method behind <see cref="EmitFoldedEntryPoints"/>.</summary>
    public const string ApplySignature =
        "private static void Apply(ReadOnlySpan<float> weightValues, ReadOnlySpan<float> bias, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count)";

    /// <summary>The workspace array a layer that folds the next BatchNorm gets for W' and b'.</summary>
    public static ScratchBuffer FoldedBuffer(LayerPlan layer) =>
        new(layer.Identifier + "Folded", "float", layer.WeightCount + layer.Output.Channels, PerSample: false);

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
        string id = $"Layers.{layer.Identifier}";
        w.Line($"parameters.Slice({id}.WeightOffset, {id}.Channels).Fill(1f); // γ = 1, β = 0");
        w.Line($"state.Slice({id}.StateOffset + {id}.Channels, {id}.Channels).Fill(1f); // running variance 1, mean 0");
    }
}
