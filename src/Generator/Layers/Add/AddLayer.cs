using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Residual adds, y = x + skip: a class per layer forwarding to the runtime's <c>ResidualAdd&lt;TShape&gt;</c>. Their
/// forward and backward take one more span than other layers (the skip input and its gradient).
/// </summary>
internal sealed class AddLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Add];

    public KernelPlan? Decide(LayerPlan layer) => AddKernel.For(layer);

    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer) => [];

    public bool SharesClass(LayerPlan layer) => true;

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        var kernel = (AddKernel)layer.Kernel!;
        string add = $"ResidualAdd<Kernels.{layer.KernelName}>";
        LayerDescription.EmitKernelHeader(w, layer);
        using (w.Block($"internal static class {layer.ClassName}"))
        {
            if (LayerDescription.EmitCommonConstants(w, layer)) w.Line();
            // skip: the second input; dskip: its gradient.
            w.Line("public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> skip, Span<float> y, Workspace ws, int n) =>");
            w.Line($"    {add}.Forward(x, skip, y, n);");
            if (kernel.FusesReLU)
            {
                w.Line("public static void ForwardReLU(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> skip, Span<float> y, Workspace ws, int n) =>");
                w.Line($"    {add}.ForwardReLU(x, skip, y, n);");
            }
            w.Line($"public static void {(kernel.FusesReLU ? "BackwardReLU" : "Backward")}(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dskip, Span<float> dp, Workspace ws, int n) =>");
            w.Line($"    {add}.Backward(y, dy, dx, dskip, n);");
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }
}
