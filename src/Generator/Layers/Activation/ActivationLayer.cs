using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using System.Globalization;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Stand-alone activation layers ([ReLU], [LeakyReLU], [ELU], [GELU], [Sigmoid], [Tanh]) and the fused activation
/// statements every other emitter uses. Derivatives come from the output y where it determines them, so fused layers
/// keep no pre-activation buffer; GELU's comes from its input (fused GELU is split into its own layer for that).
/// </summary>
internal sealed class ActivationLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Activation];

    public KernelPlan? Decide(LayerPlan layer) => null;

    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer) => [];

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        ActivationKind activation = layer.Decl.Activation;
        float alpha = Alpha(layer.Decl);
        string derivative = activation == ActivationKind.GELU ? "its derivative at the input x" : "its derivative expressed in the output y";
        LayerDescription.EmitHeader(w, layer, activation == ActivationKind.None
            ? "strategy: a copy, so that the network's outputs and their gradient have buffers of their own"
            : layer.FusedIntoPrevious
                ? $"strategy: in training the layer before it applies it in its own passes (clamp forward, mask backward); at inference element-wise {activation} over the batch"
                : $"strategy: element-wise {activation} over the batch; backward multiplies by {derivative}");
        using (w.Block($"internal static class {layer.Identifier}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
            w.Line();
            w.Line($"/// <summary>y = {activation}(x).</summary>");
            using (w.Block("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count)"))
            {
                w.Line("Span<float> y = output.Slice(0, count * OutputLength);");
                if (activation == ActivationKind.ReLU)
                {
                    w.Line("ActivationKernels.ReLU(input.Slice(0, count * InputLength), y); // one pass: read x, write y");
                }
                else
                {
                    w.Line("input.Slice(0, count * InputLength).CopyTo(y);");
                    EmitForwardInPlace(w, activation, "y", alpha);
                }
            }
            // Fused into the layer before it, its backward only ever runs inside that layer's (training is the only backward).
            if (layer.FusedIntoPrevious) return;
            w.Line();
            w.Line($"/// <summary>Inverts <see cref=\"Forward\"/>: dx = dy · {activation}′.</summary>");
            using (w.Block("public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count)"))
            {
                w.Line("if (inputGradient.IsEmpty) return;");
                w.Line("Span<float> dy = outputGradient.Slice(0, count * OutputLength);");
                if (activation == ActivationKind.GELU)
                {
                    w.Line("ActivationKernels.GELUBackwardFromInput(input.Slice(0, count * InputLength), dy);");
                }
                else if (activation == ActivationKind.LeakyReLU)
                {
                    w.Line($"ActivationKernels.LeakyReLUBackwardFromInput(input.Slice(0, count * InputLength), dy, {Literal(alpha)});");
                }
                else if (activation == ActivationKind.ReLU)
                {
                    w.Line("ActivationKernels.ReLUBackward(output.Slice(0, count * OutputLength), dy, inputGradient); // one pass: read y and dy, write dx");
                }
                else
                {
                    EmitBackwardInPlace(w, activation, "output.Slice(0, count * OutputLength)", "dy", alpha);
                }
                if (activation != ActivationKind.ReLU) w.Line("dy.CopyTo(inputGradient);");
            }
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }

    /// <summary>The slope or α of an activation: the attribute's for stand-alone layers, PyTorch's default when fused.</summary>
    public static float Alpha(LayerDecl decl) => decl.Kind == LayerKind.Activation && decl.Alpha != 0f
        ? decl.Alpha
        : decl.Activation == ActivationKind.LeakyReLU ? 0.01f : 1f;

    public static string Literal(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";

    /// <summary>The statement that applies <paramref name="activation"/> to <paramref name="values"/> in place (none for identity).</summary>
    public static void EmitForwardInPlace(CodeWriter w, ActivationKind activation, string values, float alpha = 0f)
    {
        switch (activation)
        {
            case ActivationKind.None:
                return;
            case ActivationKind.LeakyReLU:
            case ActivationKind.ELU:
                w.Line($"ActivationKernels.{activation}({values}, {Literal(alpha == 0f ? (activation == ActivationKind.ELU ? 1f : 0.01f) : alpha)});");
                return;
            default:
                w.Line($"ActivationKernels.{activation}({values});");
                return;
        }
    }

    /// <summary>The statement that multiplies <paramref name="gradient"/> by the activation's derivative, given the output.</summary>
    public static void EmitBackwardInPlace(CodeWriter w, ActivationKind activation, string output, string gradient, float alpha = 0f)
    {
        switch (activation)
        {
            case ActivationKind.None:
                return;
            case ActivationKind.LeakyReLU:
            case ActivationKind.ELU:
                w.Line($"ActivationKernels.{activation}Backward({output}, {gradient}, {Literal(alpha == 0f ? (activation == ActivationKind.ELU ? 1f : 0.01f) : alpha)});");
                return;
            default:
                w.Line($"ActivationKernels.{activation}Backward({output}, {gradient});");
                return;
        }
    }
}
