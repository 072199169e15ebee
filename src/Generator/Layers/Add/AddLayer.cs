using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// A residual add: y = x + skip. Its forward and backward take one more span than other layers (the skip input and its
/// gradient); the gradient passes unchanged to both inputs.
/// </summary>
internal sealed class AddLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Add];

    public KernelPlan? Decide(LayerPlan layer) => null;

    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer) => [];

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        LayerDescription.EmitHeader(w, layer, layer.FusesNextReLU
            ? "strategy: element-wise sum of the main path and the shortcut; in training the ReLU after it runs in the same pass, and the masked gradient flows to both"
            : "strategy: element-wise sum of the main path and the shortcut; the gradient flows to both unchanged");
        using (w.Block($"internal static class {layer.Identifier}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
            w.Line();
            w.Line("/// <summary>y = x + skip.</summary>");
            using (w.Block("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> skip, Span<float> output, Workspace workspace, int count)"))
            {
                w.Line("int length = count * OutputLength;");
                w.Line("TensorPrimitives.Add(input.Slice(0, length), skip.Slice(0, length), output.Slice(0, length));");
            }
            w.Line();
            if (!layer.FusesNextReLU)
            {
                w.Line("/// <summary>Inverts <see cref=\"Forward\"/>: dx = dy and dskip = dy.</summary>");
                using (w.Block("public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> skipGradient, Span<float> parameterGradients, Workspace workspace, int count)"))
                {
                    w.Line("ReadOnlySpan<float> dy = outputGradient.Slice(0, count * OutputLength);");
                    w.Line("if (!inputGradient.IsEmpty) dy.CopyTo(inputGradient);");
                    w.Line("if (!skipGradient.IsEmpty) dy.CopyTo(skipGradient);");
                }
                return;
            }
            w.Line("/// <summary>Training with the ReLU after this layer fused in: <paramref name=\"output\"/> is the ReLU's output, y = max(x + skip, 0), in one pass.</summary>");
            using (w.Block("public static void ForwardReLU(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> skip, Span<float> output, Workspace workspace, int count)"))
            {
                w.Line("int length = count * OutputLength;");
                w.Line("ActivationKernels.AddReLU(input.Slice(0, length), skip.Slice(0, length), output.Slice(0, length));");
            }
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// Inverts <see cref=\"ForwardReLU\"/>: <paramref name=\"output\"/> and <paramref name=\"outputGradient\"/> are the ReLU's, and");
            w.Line("/// dx = dskip = dy where y > 0, else 0, both written in one pass.");
            w.Line("/// </summary>");
            using (w.Block("public static void BackwardReLU(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> skipGradient, Span<float> parameterGradients, Workspace workspace, int count)"))
            {
                w.Line("int length = count * OutputLength;");
                w.Line("ActivationKernels.AddReLUBackward(output.Slice(0, length), outputGradient.Slice(0, length), inputGradient.IsEmpty ? default : inputGradient.Slice(0, length), skipGradient.IsEmpty ? default : skipGradient.Slice(0, length));");
            }
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }
}
