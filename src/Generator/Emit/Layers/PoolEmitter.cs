using System.Collections.Generic;
using System.Linq;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit.Layers;

/// <summary>
/// Max and average pooling of any rank, per channel, with constant window bounds clipped to the input (padding never
/// wins a max and counts as zeros in an average, PyTorch's count_include_pad). Max pooling records the winning input
/// index of every output so that backward routes each gradient to it.
/// </summary>
internal sealed class PoolEmitter : ILayerEmitter
{
    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer)
    {
        if (layer.Kind == LayerKind.MaxPool) yield return new ScratchBuffer(layer.Identifier + "Argmax", "int", layer.Output.Length, PerSample: true);
    }

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        bool isMax = layer.Kind == LayerKind.MaxPool;
        int rank = layer.Decl.SpatialRank;
        long window = layer.Decl.Kernel.Aggregate(1L, (p, k) => p * k);
        LayerDescription.EmitHeader(w, layer, isMax
            ? "strategy: per channel and output position, a max over the clipped window; the winner's index is kept for backward"
            : $"strategy: per channel and output position, the window sum over the clipped window divided by {window}");
        using (w.Block($"internal static class {layer.Identifier}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
            w.Line($"public const int Channels = {layer.Input.Channels};");
            for (int a = 0; a < rank; a++)
            {
                string n = Axes.Name(rank, a);
                w.Line($"public const int In{n} = {layer.Input.Spatial(a)}, Out{n} = {layer.Output.Spatial(a)}, Window{n} = {layer.Decl.Kernel[a]}, Stride{n} = {layer.Stride[a]}, Pad{n} = {layer.PadBegin[a]};");
            }
            if (!isMax) w.Line($"private const float InverseWindow = 1f / {window};");
            w.Line();
            w.Line(isMax ? "/// <summary>y = max over each window; argmax keeps the winning input index.</summary>" : "/// <summary>y = mean over each window (padding counted as zeros).</summary>");
            using (w.Block("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count)"))
            {
                if (isMax) w.Line($"Span<int> argmax = workspace.{layer.Identifier}Argmax;");
                using (w.Block("for (int n = 0; n < count; n++)"))
                {
                    w.Line("ReadOnlySpan<float> x = input.Slice(n * InputLength, InputLength);");
                    w.Line("Span<float> y = output.Slice(n * OutputLength, OutputLength);");
                    if (isMax) w.Line("Span<int> winners = argmax.Slice(n * OutputLength, OutputLength);");
                    EmitWindowLoops(w, layer, isMax ? WindowPass.MaxForward : WindowPass.AverageForward);
                }
            }
            w.Line();
            w.Line(isMax ? "/// <summary>Inverts <see cref=\"Forward\"/>: each output's gradient goes to the input that won its window.</summary>"
                         : "/// <summary>Inverts <see cref=\"Forward\"/>: each output's gradient is spread evenly over its window.</summary>");
            using (w.Block("public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count)"))
            {
                w.Line("if (inputGradient.IsEmpty) return;");
                w.Line("inputGradient.Slice(0, count * InputLength).Clear();");
                if (isMax)
                {
                    w.Line($"ReadOnlySpan<int> argmax = workspace.{layer.Identifier}Argmax;");
                    using (w.Block("for (int n = 0; n < count; n++)"))
                    {
                        w.Line("Span<float> dx = inputGradient.Slice(n * InputLength, InputLength);");
                        w.Line("ReadOnlySpan<float> dy = outputGradient.Slice(n * OutputLength, OutputLength);");
                        w.Line("ReadOnlySpan<int> winners = argmax.Slice(n * OutputLength, OutputLength);");
                        w.Line("for (int j = 0; j < OutputLength; j++) dx[winners[j]] += dy[j];");
                    }
                }
                else
                {
                    using (w.Block("for (int n = 0; n < count; n++)"))
                    {
                        w.Line("Span<float> dx = inputGradient.Slice(n * InputLength, InputLength);");
                        w.Line("ReadOnlySpan<float> dy = outputGradient.Slice(n * OutputLength, OutputLength);");
                        EmitWindowLoops(w, layer, WindowPass.AverageBackward);
                    }
                }
            }
        }
    }

    private enum WindowPass
    {
        MaxForward,
        AverageForward,
        AverageBackward,
    }

    /// <summary>Channel and output-position loops, then the window loops clipped to the input, with the pass's body.</summary>
    private static void EmitWindowLoops(CodeWriter w, LayerPlan layer, WindowPass pass)
    {
        int rank = layer.Decl.SpatialRank;
        var scopes = new Stack<System.IDisposable>();
        w.Line("int j = 0;");
        scopes.Push(w.Block("for (int c = 0; c < Channels; c++)"));
        for (int a = 0; a < rank; a++)
        {
            string n = Axes.Name(rank, a);
            string l = Axes.Letter(rank, a);
            scopes.Push(w.Block($"for (int o{l} = 0; o{l} < Out{n}; o{l}++)"));
            w.Line($"int {l}0 = o{l} * Stride{n} - Pad{n};");
            w.Line($"int {l}Start = Math.Max({l}0, 0), {l}End = Math.Min({l}0 + Window{n}, In{n});");
        }
        switch (pass)
        {
            case WindowPass.MaxForward:
                w.Line("float best = float.NegativeInfinity;");
                w.Line("int winner = -1;");
                break;
            case WindowPass.AverageForward:
                w.Line("float sum = 0f;");
                break;
            case WindowPass.AverageBackward:
                w.Line("float share = dy[j] * InverseWindow;");
                break;
        }
        int opened = scopes.Count;
        string index = "c";
        for (int a = 0; a < rank; a++)
        {
            string n = Axes.Name(rank, a);
            string l = Axes.Letter(rank, a);
            scopes.Push(w.Block($"for (int i{l} = {l}Start; i{l} < {l}End; i{l}++)"));
            index = $"{ConvEmitter.Wrap(index)} * In{n} + i{l}";
        }
        w.Line($"int i = {index};");
        switch (pass)
        {
            case WindowPass.MaxForward:
                // The first of equal values wins, and NaN propagates (as torch.max_pool does): a NaN x replaces any number
                // because !(x <= best) holds for NaN, and once best is NaN nothing replaces it.
                using (w.Block("if (winner < 0 || (!(x[i] <= best) && !float.IsNaN(best)))"))
                {
                    w.Line("best = x[i];");
                    w.Line("winner = i;");
                }
                break;
            case WindowPass.AverageForward:
                w.Line("sum += x[i];");
                break;
            case WindowPass.AverageBackward:
                w.Line("dx[i] += share;");
                break;
        }
        while (scopes.Count > opened) scopes.Pop().Dispose();
        switch (pass)
        {
            case WindowPass.MaxForward:
                w.Line("y[j] = best;");
                w.Line("winners[j] = winner;");
                break;
            case WindowPass.AverageForward:
                w.Line("y[j] = sum * InverseWindow;");
                break;
        }
        w.Line("j++;");
        while (scopes.Count > 0) scopes.Pop().Dispose();
    }

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }
}
