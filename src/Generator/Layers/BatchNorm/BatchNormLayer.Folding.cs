using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>What a convolution or dense layer that folds the next BatchNorm at inference emits for it.</summary>
internal sealed partial class BatchNormLayer
{
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
}
