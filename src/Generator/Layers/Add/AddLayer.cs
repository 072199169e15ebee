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

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        var kernel = (AddKernel)layer.Kernel!;
        string add = $"ResidualAdd<Kernels.{layer.KernelName}>";
        LayerDescription.EmitHeader(w, layer, "strategy: " + kernel.Describe());
        using (w.Block($"internal static class {layer.Identifier}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
            w.Line();
            w.Line("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> skip, Span<float> output, Workspace workspace, int count) =>");
            w.Line($"    {add}.Forward(input, skip, output, count);");
            w.Line();
            if (kernel.FusesReLU)
            {
                w.Line("/// <summary>Training: <paramref name=\"output\"/> is the output of the ReLU after this layer, written in its pass.</summary>");
                w.Line("public static void ForwardReLU(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> skip, Span<float> output, Workspace workspace, int count) =>");
                w.Line($"    {add}.ForwardReLU(input, skip, output, count);");
                w.Line();
                w.Line("/// <summary>Training: <paramref name=\"output\"/> and <paramref name=\"outputGradient\"/> are the fused ReLU's.</summary>");
            }
            w.Line($"public static void {(kernel.FusesReLU ? "BackwardReLU" : "Backward")}(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> skipGradient, Span<float> parameterGradients, Workspace workspace, int count) =>");
            w.Line($"    {add}.Backward(output, outputGradient, inputGradient, skipGradient, count);");
        }
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }
}
