using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>Global average and max pooling: each channel's plane reduced to one value (C×… → C).</summary>
internal sealed class GlobalPoolLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.GlobalAvgPool, LayerKind.GlobalMaxPool];

    public KernelPlan? Decide(LayerPlan layer) => null;

    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer)
    {
        if (layer.Kind == LayerKind.GlobalMaxPool) yield return new ScratchBuffer(layer.Identifier + "Argmax", "int", layer.Output.Length, PerSample: true);
    }

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        bool isMax = layer.Kind == LayerKind.GlobalMaxPool;
        LayerDescription.EmitHeader(w, layer, isMax
            ? "strategy: per channel, the index of the largest value of its plane (kept for backward)"
            : "strategy: per channel, the vectorized sum of its plane divided by the plane size");
        using (w.Block($"internal static class {layer.Identifier}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
            w.Line($"public const int Channels = {layer.Input.Channels}, Plane = {Format.Int(layer.Input.PlaneLength)};");
            w.Line();
            w.Line(isMax ? "/// <summary>y[c] = max of plane c.</summary>" : "/// <summary>y[c] = mean of plane c.</summary>");
            using (w.Block("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count)"))
            {
                using (w.Block("for (int n = 0; n < count; n++)"))
                {
                    using (w.Block("for (int c = 0; c < Channels; c++)"))
                    {
                        w.Line("int j = n * Channels + c;");
                        w.Line("ReadOnlySpan<float> plane = input.Slice(j * Plane, Plane);");
                        if (isMax)
                        {
                            w.Line("int winner = TensorPrimitives.IndexOfMax(plane);");
                            w.Line($"workspace.{layer.Identifier}Argmax[j] = winner;");
                            w.Line("output[j] = plane[winner];");
                        }
                        else
                        {
                            w.Line("output[j] = TensorPrimitives.Sum(plane) / Plane;");
                        }
                    }
                }
            }
            w.Line();
            w.Line(isMax ? "/// <summary>Inverts <see cref=\"Forward\"/>: each channel's gradient goes to its largest value.</summary>"
                         : "/// <summary>Inverts <see cref=\"Forward\"/>: each channel's gradient is spread evenly over its plane.</summary>");
            using (w.Block("public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count)"))
            {
                w.Line("if (inputGradient.IsEmpty) return;");
                if (isMax) w.Line("inputGradient.Slice(0, count * InputLength).Clear();");
                using (w.Block("for (int j = 0; j < count * Channels; j++)"))
                {
                    w.Line(isMax
                        ? $"inputGradient[j * Plane + workspace.{layer.Identifier}Argmax[j]] = outputGradient[j];"
                        : "inputGradient.Slice(j * Plane, Plane).Fill(outputGradient[j] / Plane);");
                }
            }
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }
}
