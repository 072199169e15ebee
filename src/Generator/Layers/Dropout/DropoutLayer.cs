using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Inverted dropout: in training each value is kept with probability 1 − rate and scaled by 1 / (1 − rate); the mask is
/// kept for backward. Mask bits come from a counter-based generator addressed by (step seed, sample, element), so they
/// do not depend on how the batch is split across threads. In inference the layer copies its input.
/// </summary>
internal sealed class DropoutLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Dropout];

    public KernelPlan? Decide(LayerPlan layer) => null;

    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer)
    {
        yield return new ScratchBuffer(layer.Identifier + "Mask", "float", layer.Output.Length, PerSample: true);
    }

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        float rate = layer.Decl.Rate;
        LayerDescription.EmitHeader(w, layer, $"strategy: inverted dropout with rate {ActivationLayer.Literal(rate).TrimEnd('f')}; a seeded mask per sample, kept for backward");
        using (w.Block($"internal static class {layer.Identifier}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
            w.Line($"private const float Rate = {ActivationLayer.Literal(rate)};");
            w.Line($"private const float KeepScale = 1f / (1f - Rate);");
            w.Line();
            w.Line("/// <summary>Training: y = x · mask with mask ∈ {0, 1/(1 − rate)}; inference: y = x.</summary>");
            using (w.Block("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count)"))
            {
                w.Line("ReadOnlySpan<float> x = input.Slice(0, count * InputLength);");
                w.Line("Span<float> y = output.Slice(0, count * OutputLength);");
                using (w.Block("if (!workspace.Training)"))
                {
                    w.Line("x.CopyTo(y);");
                    w.Line("return;");
                }
                w.Line($"Span<float> mask = workspace.{layer.Identifier}Mask.AsSpan(0, count * OutputLength);");
                using (w.Block("for (int n = 0; n < count; n++)"))
                {
                    w.Line("long sample = workspace.SampleOffset + n;");
                    using (w.Block("for (int e = 0; e < OutputLength; e++)"))
                    {
                        w.Line("mask[n * OutputLength + e] = CounterRandom.Uniform(workspace.StepSeed, sample, e) >= Rate ? KeepScale : 0f;");
                    }
                }
                w.Line("TensorPrimitives.Multiply(x, mask, y);");
            }
            w.Line();
            w.Line("/// <summary>Inverts <see cref=\"Forward\"/>: dx = dy · mask (the same mask).</summary>");
            using (w.Block("public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count)"))
            {
                w.Line("if (inputGradient.IsEmpty) return;");
                w.Line($"TensorPrimitives.Multiply(outputGradient.Slice(0, count * OutputLength), workspace.{layer.Identifier}Mask.AsSpan(0, count * OutputLength), inputGradient.Slice(0, count * InputLength));");
            }
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }
}
