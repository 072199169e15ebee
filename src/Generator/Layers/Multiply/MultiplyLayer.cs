using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Squeeze-and-excitation gates, y = feature · gate per channel: a class per kernel forwarding to the runtime's
/// <c>ChannelGate&lt;TShape&gt;</c>. Like residual adds they take a second input (skip) and write its gradient; their
/// backward also reads both inputs.
/// </summary>
internal sealed class MultiplyLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Multiply];

    public KernelPlan? Decide(LayerPlan layer) => MultiplyKernel.For(layer);

    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer) => [];

    public bool SharesClass(LayerPlan layer) => true;

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        string gate = $"ChannelGate<Kernels.{layer.KernelName}>";
        LayerDescription.EmitKernelHeader(w, layer);
        using (w.Block($"internal static class {layer.ClassName}"))
        {
            if (LayerDescription.EmitCommonConstants(w, layer)) w.Line();
            // skip: the second input; dskip: its gradient.
            w.Line("public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> skip, Span<float> y, Workspace ws, int n) =>");
            w.Line($"    {gate}.Forward(x, skip, y, n);");
            w.Line("public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> skip, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dskip, Span<float> dp, Workspace ws, int n) =>");
            w.Line($"    {gate}.Backward(x, skip, dy, dx, dskip, n);");
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }
}
