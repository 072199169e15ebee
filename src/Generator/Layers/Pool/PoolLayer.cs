using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using System.Linq;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Max and average pooling of any rank, per channel, with constant window bounds clipped to the input (padding never
/// wins a max; in an average it counts as zeros in the divisor, PyTorch's count_include_pad, unless CountIncludePad is
/// false, when each window divides by the inputs it covers). Max pooling records the winning input
/// index of every output so that backward routes each gradient to it. Max pooling over full windows runs vectorized
/// along the rows where it can (<see cref="PoolVectorEmitter"/>), with the same outputs and winners bit for bit.
/// </summary>
internal sealed class PoolLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.MaxPool, LayerKind.AvgPool];

    public KernelPlan? Decide(LayerPlan layer) => null;

    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer)
    {
        if (layer.Kind == LayerKind.MaxPool) yield return new ScratchBuffer(layer.Identifier + "Argmax", "int", layer.Output.Length, PerSample: true);
    }

    public bool SharesClass(LayerPlan layer) => false;

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        bool isMax = layer.Kind == LayerKind.MaxPool;
        int rank = layer.Decl.SpatialRank;
        long window = layer.Decl.Kernel.Aggregate(1L, (p, k) => p * k);
        bool unrolled = Unrolled(layer);
        var vectorRows = PoolVectorEmitter.Shape(layer);
        string over = unrolled ? $"the {window} window elements unrolled (no window needs clipping)" : "the clipped window";
        string strategy = vectorRows != PoolVectorEmitter.RowShape.None ? PoolVectorEmitter.Strategy(layer)
            : isMax ? $"strategy: per channel and output position, a max over {over}; the winner's index is kept for backward"
            : ExcludesPadding(layer) ? $"strategy: per channel and output position, the sum over {over} divided by the number of inputs in it (padding not counted)"
            : $"strategy: per channel and output position, the sum over {over} divided by {window}";
        LayerDescription.EmitHeader(w, layer, strategy);
        using (w.Block($"internal static class {layer.ClassName}"))
        {
            LayerDescription.EmitCommonConstants(w, layer, lengths: true);
            w.Line($"public const int Channels = {layer.Input.Channels};");
            for (int a = 0; a < rank; a++)
            {
                string n = Axes.Name(rank, a);
                w.Line($"public const int In{n} = {layer.Input.Spatial(a)}, Out{n} = {layer.Output.Spatial(a)}, Window{n} = {layer.Decl.Kernel[a]}, Stride{n} = {layer.Stride[a]}, Pad{n} = {layer.PadBegin[a]};");
            }
            if (!isMax && !ExcludesPadding(layer)) w.Line($"private const float InverseWindow = 1f / {window};");
            if (vectorRows != PoolVectorEmitter.RowShape.None) PoolVectorEmitter.EmitConstants(w, layer);
            w.Line();
            w.Line(isMax ? "/// <summary>y = max over each window; argmax keeps the winning input index.</summary>"
                : ExcludesPadding(layer) ? "/// <summary>y = mean over the inputs each window covers (padding not counted, CountIncludePad = false).</summary>"
                : "/// <summary>y = mean over each window (padding counted as zeros).</summary>");
            using (w.Block("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count)"))
            {
                if (isMax) w.Line($"Span<int> argmax = workspace.{layer.Identifier}Argmax;");
                using (w.Block("for (int n = 0; n < count; n++)"))
                {
                    w.Line("ReadOnlySpan<float> x = input.Slice(n * InputLength, InputLength);");
                    w.Line("Span<float> y = output.Slice(n * OutputLength, OutputLength);");
                    if (isMax) w.Line("Span<int> winners = argmax.Slice(n * OutputLength, OutputLength);");
                    if (vectorRows != PoolVectorEmitter.RowShape.None) PoolVectorEmitter.EmitRows(w, layer);
                    else EmitWindowLoops(w, layer, isMax ? WindowPass.MaxForward : WindowPass.AverageForward);
                }
            }
            if (vectorRows != PoolVectorEmitter.RowShape.None) PoolVectorEmitter.EmitMethods(w, layer);
            // The scalar take: every window of unrolled rows, and the last rows of short vector rows.
            if (isMax && unrolled && vectorRows != PoolVectorEmitter.RowShape.Wide)
            {
                w.Line();
                w.Line("/// <summary>One window element: it wins when greater, and NaN propagates (a NaN beats any number; once best is NaN it stays).</summary>");
                w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
                using (w.Block("private static void Take(ref float x0, int i, ref float best, ref int winner)"))
                {
                    w.Line("float value = Unsafe.Add(ref x0, i);");
                    w.Line("// Arithmetic rather than a branch: which element wins is data, and a mispredicted branch costs more than the");
                    w.Line("// window. MathF.Max keeps NaN, as the comparison does; on a tie the first element keeps the win.");
                    w.Line("int wins = -Unsafe.BitCast<bool, byte>(!(value <= best) & !float.IsNaN(best));");
                    w.Line("winner += (i - winner) & wins;");
                    w.Line("best = MathF.Max(best, value);");
                }
            }
            w.Line();
            w.Line(isMax ? "/// <summary>Inverts <see cref=\"Forward\"/>: each output's gradient goes to the input that won its window.</summary>"
                         : "/// <summary>Inverts <see cref=\"Forward\"/>: each output's gradient is spread evenly over its window.</summary>");
            using (w.Block("public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count)"))
            {
                w.Line("if (inputGradient.IsEmpty) return;");
                if (isMax && PoolVectorEmitter.RoutesGradientsByVector(layer))
                {
                    w.Line("// The windows tile the input (stride = window, nothing left over): each input is in one window, so every");
                    w.Line("// input gradient is written once, without clearing first.");
                    w.Line($"ReadOnlySpan<int> argmax = workspace.{layer.Identifier}Argmax;");
                    using (w.Block("for (int n = 0; n < count; n++)"))
                    {
                        w.Line("Span<float> dx = inputGradient.Slice(n * InputLength, InputLength);");
                        w.Line("ReadOnlySpan<float> dy = outputGradient.Slice(n * OutputLength, OutputLength);");
                        w.Line("ReadOnlySpan<int> winners = argmax.Slice(n * OutputLength, OutputLength);");
                        PoolVectorEmitter.EmitGradientRows(w, layer);
                    }
                }
                else if (isMax)
                {
                    w.Line("inputGradient.Slice(0, count * InputLength).Clear();");
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
                    w.Line("inputGradient.Slice(0, count * InputLength).Clear();");
                    using (w.Block("for (int n = 0; n < count; n++)"))
                    {
                        w.Line("Span<float> dx = inputGradient.Slice(n * InputLength, InputLength);");
                        w.Line("ReadOnlySpan<float> dy = outputGradient.Slice(n * OutputLength, OutputLength);");
                        EmitWindowLoops(w, layer, WindowPass.AverageBackward);
                    }
                }
            }
            if (isMax && PoolVectorEmitter.RoutesGradientsByVector(layer)) PoolVectorEmitter.EmitGradientMethods(w, layer);
        }
    }

    private enum WindowPass
    {
        MaxForward,
        AverageForward,
        AverageBackward,
    }

    /// <summary>
    /// An average pool whose windows divide by the inputs they cover rather than the window size (CountIncludePad =
    /// false): different only where padding clips a window, so a pool without padding keeps the constant divisor.
    /// </summary>
    internal static bool ExcludesPadding(LayerPlan layer) =>
        layer.Kind == LayerKind.AvgPool && !layer.Decl.CountIncludePad && layer.PadBegin.Concat(layer.PadEnd).Any(p => p > 0);

    /// <summary>Windows up to this size are unrolled when none of them needs clipping.</summary>
    private const int UnrolledWindowLimit = 27;

    /// <summary>Whether the forward passes unroll the window (see <see cref="EmitUnrolledWindows"/>).</summary>
    internal static bool Unrolled(LayerPlan layer) => FullWindows(layer) && WindowSize(layer) <= UnrolledWindowLimit;

    /// <summary>No padding, and every window inside the input: the window loops need no clipping.</summary>
    private static bool FullWindows(LayerPlan layer)
    {
        for (int a = 0; a < layer.Decl.SpatialRank; a++)
        {
            if (layer.PadBegin[a] != 0 || (layer.Output.Spatial(a) - 1) * layer.Stride[a] + layer.Decl.Kernel[a] > layer.Input.Spatial(a)) return false;
        }
        return true;
    }

    /// <summary>
    /// Windows that need no clipping and have at most <see cref="UnrolledWindowLimit"/> elements: the window is unrolled
    /// into constant offsets from its first input (read without bounds checks: the shapes prove every index in range).
    /// The elements are visited in the same order as the general loops, so the winners and sums are bitwise the same; a
    /// max is MathF.Max's where the general loops keep the winner's value, which differs only on a tie of −0 and +0.
    /// </summary>
    private static void EmitUnrolledWindows(CodeWriter w, LayerPlan layer, WindowPass pass)
    {
        int rank = layer.Decl.SpatialRank;
        List<int> offsets = WindowOffsets(layer);
        var scopes = new Stack<System.IDisposable>();
        w.Line("ref float x0 = ref MemoryMarshal.GetReference(x);");
        w.Line("int j = 0;");
        scopes.Push(w.Block("for (int c = 0; c < Channels; c++)"));
        string index = "c";
        for (int a = 0; a < rank; a++)
        {
            string n = Axes.Name(rank, a);
            string l = Axes.Letter(rank, a);
            scopes.Push(w.Block($"for (int o{l} = 0; o{l} < Out{n}; o{l}++)"));
            index = $"{Axes.Wrap(index)} * In{n} + o{l} * Stride{n}";
        }
        w.Line($"int i0 = {index};");
        w.Line($"// The window: inputs i0 + {string.Join(", ", offsets.Skip(1))}.");
        if (pass == WindowPass.MaxForward)
        {
            w.Line("float best = Unsafe.Add(ref x0, i0);");
            w.Line("int winner = i0;");
            foreach (int offset in offsets.Skip(1)) w.Line($"Take(ref x0, i0 + {offset}, ref best, ref winner);");
            w.Line("y[j] = best;");
            w.Line("winners[j] = winner;");
        }
        else
        {
            w.Line("float sum = " + string.Join(" + ", offsets.Select(o => o == 0 ? "Unsafe.Add(ref x0, i0)" : $"Unsafe.Add(ref x0, i0 + {o})")) + ";");
            w.Line("y[j] = sum * InverseWindow;");
        }
        w.Line("j++;");
        while (scopes.Count > 0) scopes.Pop().Dispose();
    }

    /// <summary>Channel and output-position loops, then the window loops clipped to the input, with the pass's body.</summary>
    private static void EmitWindowLoops(CodeWriter w, LayerPlan layer, WindowPass pass)
    {
        if (pass != WindowPass.AverageBackward && Unrolled(layer))
        {
            EmitUnrolledWindows(w, layer, pass);
            return;
        }
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
        // Without padding in the divisor, each window divides by the inputs it covers: the product of its clipped extents.
        string covered = string.Join(" * ", Enumerable.Range(0, rank).Select(a => $"({Axes.Letter(rank, a)}End - {Axes.Letter(rank, a)}Start)"));
        bool excludes = ExcludesPadding(layer);
        switch (pass)
        {
            case WindowPass.MaxForward:
                w.Line("float best = float.NegativeInfinity;");
                w.Line("int winner = -1;");
                break;
            case WindowPass.AverageForward:
                w.Line("float sum = 0f;");
                if (excludes) w.Line($"int covered = {covered};");
                break;
            case WindowPass.AverageBackward:
                w.Line(excludes ? $"float share = dy[j] / ({covered});" : "float share = dy[j] * InverseWindow;");
                break;
        }
        int opened = scopes.Count;
        string index = "c";
        for (int a = 0; a < rank; a++)
        {
            string n = Axes.Name(rank, a);
            string l = Axes.Letter(rank, a);
            scopes.Push(w.Block($"for (int i{l} = {l}Start; i{l} < {l}End; i{l}++)"));
            index = $"{Axes.Wrap(index)} * In{n} + i{l}";
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
                w.Line(excludes ? "y[j] = sum / covered;" : "y[j] = sum * InverseWindow;");
                break;
        }
        w.Line("j++;");
        while (scopes.Count > 0) scopes.Pop().Dispose();
    }

    /// <summary>Offsets of a window's elements from its first input, in window (row-major) order.</summary>
    internal static List<int> WindowOffsets(LayerPlan layer)
    {
        int rank = layer.Decl.SpatialRank;
        var offsets = new List<int> { 0 };
        for (int a = 0; a < rank; a++)
        {
            int stride = 1;
            for (int b = a + 1; b < rank; b++) stride *= layer.Input.Spatial(b);
            offsets = offsets.SelectMany(o => Enumerable.Range(0, layer.Decl.Kernel[a]).Select(k => o + k * stride)).ToList();
        }
        return offsets;
    }

    private static long WindowSize(LayerPlan layer) => layer.Decl.Kernel.Aggregate(1L, (p, k) => p * k);

    public void EmitInitialization(CodeWriter w, LayerPlan layer)
    {
    }
}
