using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit.Layers;

/// <summary>
/// Stand-alone activation layers ([ReLU], [Sigmoid], [Tanh]) and the fused activation statements every other emitter
/// uses. Derivatives are taken from the output y, so no pre-activation values are stored.
/// </summary>
internal sealed class ActivationEmitter : ILayerEmitter
{
    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer) => [];

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        ActivationKind activation = layer.Decl.Activation;
        LayerDescription.EmitHeader(w, layer, $"strategy: element-wise {activation} over the batch; backward multiplies by its derivative in y");
        using (w.Block($"internal static class {layer.Identifier}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
            w.Line();
            w.Line($"/// <summary>y = {activation}(x).</summary>");
            using (w.Block("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count)"))
            {
                w.Line("Span<float> y = output.Slice(0, count * OutputLength);");
                w.Line("input.Slice(0, count * InputLength).CopyTo(y);");
                EmitForwardInPlace(w, activation, "y");
            }
            w.Line();
            w.Line($"/// <summary>Inverts <see cref=\"Forward\"/>: dx = dy · {activation}′, expressed in y.</summary>");
            using (w.Block("public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count)"))
            {
                w.Line("if (inputGradient.IsEmpty) return;");
                w.Line("Span<float> dy = outputGradient.Slice(0, count * OutputLength);");
                EmitBackwardInPlace(w, activation, "output.Slice(0, count * OutputLength)", "dy");
                w.Line("dy.CopyTo(inputGradient);");
            }
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }

    /// <summary>The statement that applies <paramref name="activation"/> to <paramref name="values"/> in place (none for identity).</summary>
    public static void EmitForwardInPlace(CodeWriter w, ActivationKind activation, string values)
    {
        if (activation == ActivationKind.None) return;
        w.Line($"ActivationKernels.{activation}({values});");
    }

    /// <summary>The statement that multiplies <paramref name="gradient"/> by the activation's derivative, given the output.</summary>
    public static void EmitBackwardInPlace(CodeWriter w, ActivationKind activation, string output, string gradient)
    {
        if (activation == ActivationKind.None) return;
        w.Line($"ActivationKernels.{activation}Backward({output}, {gradient});");
    }
}
