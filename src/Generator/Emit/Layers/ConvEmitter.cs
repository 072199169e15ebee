using System.Collections.Generic;
using System.Linq;
using CnnCompiler.Generator.Emit.Kernels;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Emit.Layers;

/// <summary>
/// Convolutions of any rank as im2col + GEMM: each sample's input windows are unfolded into a
/// (channels·kernel) × (output positions) column matrix, and the layer becomes W · columns. The backward pass reuses
/// the same unfolding: dW += dY · columnsᵀ, dcolumns = Wᵀ · dY folded back with col2im.
/// </summary>
internal sealed class ConvEmitter : ILayerEmitter
{
    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer)
    {
        yield return new ScratchBuffer(layer.Identifier + "Columns", "float", ColumnRows(layer) * ColumnCols(layer), PerSample: false);
        if (UsesDirectForward(layer)) yield return new ScratchBuffer(layer.Identifier + "Padded", "float", (long)layer.Input.Channels * PaddedHeight(layer) * PaddedWidth(layer), PerSample: false);
        if (layer.FoldsBatchNorm) yield return BatchNormEmitter.FoldedBuffer(layer);
    }

    private static long ColumnRows(LayerPlan layer) => layer.Input.Channels * layer.Decl.Kernel.Aggregate(1L, (p, k) => p * k);

    private static long ColumnCols(LayerPlan layer) => layer.Output.PlaneLength;

    /// <summary>Floats per vector of the direct forward pass (Vector256).</summary>
    private const int DirectLanes = 8;

    /// <summary>
    /// Thin 2D layers (few input channels × kernel taps, such as LeNet's first layer: 1 × 5×5) spend more time building
    /// the column matrix than multiplying it, so their forward pass convolves directly: the sample is copied once into a
    /// zero-bordered buffer, and each output row is a few vectors of 8 columns, each summing weight × shifted row with
    /// FMAs. Stride 1, 8 to 64 output columns, at most 75 products per output; backward keeps im2col.
    /// </summary>
    private static bool UsesDirectForward(LayerPlan layer) =>
        layer.Decl.SpatialRank == 2 && layer.Stride[0] == 1 && layer.Stride[1] == 1 && !layer.FoldsBatchNorm
        && layer.Output.Spatial(1) is >= DirectLanes and <= 8 * DirectLanes && ColumnRows(layer) <= 75;

    private static int PaddedHeight(LayerPlan layer) => layer.Input.Spatial(0) + layer.PadBegin[0] + layer.PadEnd[0];

    private static int PaddedWidth(LayerPlan layer) => layer.Input.Spatial(1) + layer.PadBegin[1] + layer.PadEnd[1];

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        int rank = layer.Decl.SpatialRank;
        long rows = ColumnRows(layer), cols = ColumnCols(layer);
        int filters = layer.Output.Channels;
        LayerDescription.EmitHeader(w, layer, UsesDirectForward(layer)
            ? $"strategy: forward as a direct convolution over a zero-bordered copy, {(layer.Output.Spatial(1) + DirectLanes - 1) / DirectLanes} vectors of {DirectLanes} columns per output row; backward as im2col ({rows}×{cols}) + GEMM"
            : $"strategy: im2col into a {rows}×{cols} column matrix per sample, then GEMM W[{filters}×{rows}] · columns; bias and activation in one pass after");
        using (w.Block($"internal static class {layer.Identifier}"))
        {
            LayerDescription.EmitCommonConstants(w, layer);
            w.Line($"public const int InChannels = {layer.Input.Channels}, OutChannels = {filters};");
            for (int a = 0; a < rank; a++)
            {
                string n = Axes.Name(rank, a);
                w.Line($"public const int In{n} = {layer.Input.Spatial(a)}, Out{n} = {layer.Output.Spatial(a)}, Kernel{n} = {layer.Decl.Kernel[a]}, Stride{n} = {layer.Stride[a]}, Pad{n} = {layer.PadBegin[a]};");
            }
            w.Line($"/// <summary>Rows of the column matrix: input channels × kernel positions.</summary>");
            w.Line($"public const int ColumnRows = {rows};");
            w.Line($"/// <summary>Columns of the column matrix: output positions per channel.</summary>");
            w.Line($"public const int ColumnCols = {cols};");
            if (UsesDirectForward(layer))
            {
                w.Line("/// <summary>The zero-bordered copy of one input channel that the direct forward pass reads.</summary>");
                w.Line($"public const int PaddedHeight = {PaddedHeight(layer)}, PaddedWidth = {PaddedWidth(layer)};");
            }
            w.Line();
            EmitForward(w, layer);
            w.Line();
            EmitBackward(w, layer);
            w.Line();
            EmitUnfold(w, layer, fold: false);
            w.Line();
            EmitUnfold(w, layer, fold: true);
            w.Line();
            GemmEmitter.Emit(w, "MultiplyWeightsByColumns", $"output[{filters}×{cols}] = W[{filters}×{rows}] · columns[{rows}×{cols}]",
                new BroadcastGemm((int)filters, (int)cols, (int)rows, (int)rows, 1, (int)cols, (int)cols, Accumulate: false));
            w.Line();
            GemmEmitter.Emit(w, "AccumulateWeightGradient", $"dW[{filters}×{rows}] += dY[{filters}×{cols}] · columns[{rows}×{cols}]ᵀ",
                new DotGemm(filters, (int)rows, (int)cols, (int)cols, (int)cols, (int)rows, 1, Accumulate: true));
            w.Line();
            GemmEmitter.Emit(w, "MultiplyTransposedWeightsByGradient", $"dcolumns[{rows}×{cols}] = Wᵀ[{rows}×{filters}] · dY[{filters}×{cols}]",
                new BroadcastGemm((int)rows, (int)cols, filters, 1, (int)rows, (int)cols, (int)cols, Accumulate: false));
        }
    }

    private static void EmitForward(CodeWriter w, LayerPlan layer)
    {
        if (layer.FoldsBatchNorm)
        {
            BatchNormEmitter.EmitFoldedEntryPoints(w, layer, "⊛", "OutChannels");
            EmitForwardBody(w, layer, BatchNormEmitter.ApplySignature,
                "ref MemoryMarshal.GetReference(weightValues)", "if (!bias.IsEmpty)", "bias[c]");
            return;
        }
        if (UsesDirectForward(layer))
        {
            EmitDirectForward(w, layer);
            return;
        }
        w.Line("/// <summary>y = act(W ⊛ x + b) for <paramref name=\"count\"/> samples.</summary>");
        EmitForwardBody(w, layer, "public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count)",
            "ref Unsafe.Add(ref MemoryMarshal.GetReference(parameters), WeightOffset)", layer.BiasCount > 0 ? "" : null, "parameters[BiasOffset + c]");
    }

    private static void EmitDirectForward(CodeWriter w, LayerPlan layer)
    {
        int outWidth = layer.Output.Spatial(1);
        var starts = new List<int>();
        for (int x = 0; x + DirectLanes <= outWidth; x += DirectLanes) starts.Add(x);
        // A last, overlapping vector covers the remainder: it recomputes a few columns with the same arithmetic.
        if (outWidth % DirectLanes != 0) starts.Add(outWidth - DirectLanes);
        w.Line("/// <summary>y = act(W ⊛ x + b) for <paramref name=\"count\"/> samples, convolving directly (see the header).</summary>");
        using (w.Block("public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count)"))
        {
            w.Line("ref float weights = ref Unsafe.Add(ref MemoryMarshal.GetReference(parameters), WeightOffset);");
            w.Line($"float[] padded = workspace.{layer.Identifier}Padded;");
            w.Line("ref float p0 = ref MemoryMarshal.GetArrayDataReference(padded);");
            using (w.Block("for (int n = 0; n < count; n++)"))
            {
                w.Line("// The borders of the copy stay zero: only the interior is ever written.");
                using (w.Block("for (int c = 0; c < InChannels; c++)"))
                using (w.Block("for (int iy = 0; iy < InHeight; iy++)"))
                {
                    w.Line("input.Slice(n * InputLength + (c * InHeight + iy) * InWidth, InWidth).CopyTo(padded.AsSpan((c * PaddedHeight + iy + PadHeight) * PaddedWidth + PadWidth, InWidth));");
                }
                w.Line("ref float y = ref Unsafe.Add(ref MemoryMarshal.GetReference(output), n * OutputLength);");
                using (w.Block("for (int f = 0; f < OutChannels; f++)"))
                {
                    w.Line("ref float wf = ref Unsafe.Add(ref weights, f * ColumnRows);");
                    w.Line(layer.BiasCount > 0 ? "Vector256<float> start = Vector256.Create(parameters[BiasOffset + f]);" : "Vector256<float> start = Vector256<float>.Zero;");
                    // Two output rows at a time: twice the independent FMA chains, enough to hide the FMA latency.
                    using (w.Block("for (int oy = 0; oy + 1 < OutHeight; oy += 2)")) EmitDirectRows(w, starts, 2);
                    if (layer.Output.Spatial(0) % 2 == 1)
                    {
                        w.Line("// The last row of an odd height.");
                        using (w.Block("for (int oy = OutHeight - 1; oy < OutHeight; oy++)")) EmitDirectRows(w, starts, 1);
                    }
                }
            }
            ActivationEmitter.EmitForwardInPlace(w, layer.Decl.Activation, "output.Slice(0, count * OutputLength)");
        }
    }

    /// <summary>Output rows oy … oy + rows − 1 of filter f: accumulate every weight × shifted input row, then store.</summary>
    private static void EmitDirectRows(CodeWriter w, List<int> starts, int rows)
    {
        for (int r = 0; r < rows; r++) w.Line("Vector256<float> " + string.Join(", ", starts.Select((_, v) => $"v{r}{v} = start")) + ";");
        using (w.Block("for (int c = 0; c < InChannels; c++)"))
        using (w.Block("for (int ky = 0; ky < KernelHeight; ky++)"))
        {
            w.Line("ref float row0 = ref Unsafe.Add(ref p0, (c * PaddedHeight + oy + ky) * PaddedWidth);");
            for (int r = 1; r < rows; r++) w.Line($"ref float row{r} = ref Unsafe.Add(ref row0, {r} * PaddedWidth);");
            w.Line("ref float wr = ref Unsafe.Add(ref wf, (c * KernelHeight + ky) * KernelWidth);");
            using (w.Block("for (int kx = 0; kx < KernelWidth; kx++)"))
            {
                w.Line("Vector256<float> weight = Vector256.Create(Unsafe.Add(ref wr, kx));");
                for (int r = 0; r < rows; r++)
                {
                    for (int v = 0; v < starts.Count; v++)
                    {
                        w.Line($"v{r}{v} = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref row{r}, (nuint)({starts[v]} + kx)), weight, v{r}{v});");
                    }
                }
            }
        }
        for (int r = 0; r < rows; r++)
        {
            w.Line($"ref float yr{r} = ref Unsafe.Add(ref y, (f * OutHeight + oy + {r}) * OutWidth);");
            for (int v = 0; v < starts.Count; v++) w.Line($"v{r}{v}.StoreUnsafe(ref yr{r}, {starts[v]});");
        }
    }

    /// <summary>The forward body; <paramref name="biasCondition"/> is null without bias, empty for a bias always present, else a run-time test.</summary>
    private static void EmitForwardBody(CodeWriter w, LayerPlan layer, string signature, string weights, string? biasCondition, string biasValue)
    {
        using (w.Block(signature))
        {
            w.Line($"ref float weights = {weights};");
            w.Line($"ref float columns = ref MemoryMarshal.GetArrayDataReference(workspace.{layer.Identifier}Columns);");
            using (w.Block("for (int n = 0; n < count; n++)"))
            {
                w.Line("Unfold(ref Unsafe.Add(ref MemoryMarshal.GetReference(input), n * InputLength), ref columns);");
                w.Line("Span<float> y = output.Slice(n * OutputLength, OutputLength);");
                w.Line("MultiplyWeightsByColumns(ref weights, ref columns, ref MemoryMarshal.GetReference(y));");
                if (biasCondition is not null)
                {
                    using (biasCondition.Length == 0 ? null : w.Block(biasCondition))
                    using (w.Block("for (int c = 0; c < OutChannels; c++)"))
                    {
                        w.Line("Span<float> plane = y.Slice(c * ColumnCols, ColumnCols);");
                        w.Line($"TensorPrimitives.Add(plane, {biasValue}, plane);");
                    }
                }
            }
            ActivationEmitter.EmitForwardInPlace(w, layer.Decl.Activation, "output.Slice(0, count * OutputLength)");
        }
    }

    private static void EmitBackward(CodeWriter w, LayerPlan layer)
    {
        w.Line("/// <summary>Inverts <see cref=\"Forward\"/>: dW += dZ · columnsᵀ, db += Σ dZ, dx = col2im(Wᵀ · dZ), where dZ = dY · act′.</summary>");
        using (w.Block("public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count)"))
        {
            w.Line("// An empty parameterGradients means the layer is frozen: only the input gradient is wanted.");
            w.Line("bool trainable = !parameterGradients.IsEmpty;");
            w.Line("if (!trainable && inputGradient.IsEmpty) return;");
            ActivationEmitter.EmitBackwardInPlace(w, layer.Decl.Activation, "output.Slice(0, count * OutputLength)", "outputGradient.Slice(0, count * OutputLength)");
            w.Line("ref float weights = ref Unsafe.Add(ref MemoryMarshal.GetReference(parameters), WeightOffset);");
            w.Line($"ref float columns = ref MemoryMarshal.GetArrayDataReference(workspace.{layer.Identifier}Columns);");
            using (w.Block("for (int n = 0; n < count; n++)"))
            {
                w.Line("Span<float> dy = outputGradient.Slice(n * OutputLength, OutputLength);");
                using (w.Block("if (trainable)"))
                {
                    if (layer.BiasCount > 0)
                    {
                        w.Line("// db[c] += Σ over positions of dZ[c, ·]");
                        using (w.Block("for (int c = 0; c < OutChannels; c++)"))
                        {
                            w.Line("parameterGradients[BiasOffset + c] += TensorPrimitives.Sum(dy.Slice(c * ColumnCols, ColumnCols));");
                        }
                    }
                    w.Line("// The forward pass's columns are recomputed rather than kept for the whole batch.");
                    w.Line("Unfold(ref Unsafe.Add(ref MemoryMarshal.GetReference(input), n * InputLength), ref columns);");
                    w.Line("AccumulateWeightGradient(ref MemoryMarshal.GetReference(dy), ref columns, ref Unsafe.Add(ref MemoryMarshal.GetReference(parameterGradients), WeightOffset));");
                }
                w.Line("if (inputGradient.IsEmpty) continue;");
                w.Line("MultiplyTransposedWeightsByGradient(ref weights, ref MemoryMarshal.GetReference(dy), ref columns);");
                w.Line("Span<float> dx = inputGradient.Slice(n * InputLength, InputLength);");
                w.Line("dx.Clear();");
                w.Line("Fold(ref columns, ref MemoryMarshal.GetReference(dx));");
            }
        }
    }

    /// <summary>
    /// im2col (fold: false) copies every input value a kernel position reads into the column matrix, zeros for padding;
    /// col2im (fold: true) adds each column entry back onto the input position it came from.
    /// </summary>
    private static void EmitUnfold(CodeWriter w, LayerPlan layer, bool fold)
    {
        int rank = layer.Decl.SpatialRank;
        string last = Axes.Name(rank, rank - 1);
        string lx = Axes.Letter(rank, rank - 1);
        bool unitStride = layer.Stride[rank - 1] == 1;
        string signature;
        if (fold)
        {
            w.Line("/// <summary>col2im: inputGradient[c, i…] += dcolumns[(c, k…), o…] where i = o·stride + k − pad; the inverse of <see cref=\"Unfold\"/>.</summary>");
            signature = "private static void Fold(ref float columns, ref float input)";
        }
        else
        {
            w.Line("/// <summary>im2col: columns[(c, k…), o…] = input[c, o·stride + k − pad], 0 where that falls in the padding.</summary>");
            signature = "private static void Unfold(ref float input, ref float columns)";
        }
        var scopes = new Stack<System.IDisposable>();
        scopes.Push(w.Block(signature));
        scopes.Push(w.Block("for (int c = 0; c < InChannels; c++)"));
        string row = "c";
        for (int a = 0; a < rank; a++)
        {
            string n = Axes.Name(rank, a);
            string k = "k" + Axes.Letter(rank, a);
            scopes.Push(w.Block($"for (int {k} = 0; {k} < Kernel{n}; {k}++)"));
            row = $"{Wrap(row)} * Kernel{n} + {k}";
        }
        w.Line($"ref float columnRow = ref Unsafe.Add(ref columns, {Wrap(row)} * ColumnCols);");
        w.Line($"(int start, int end) = IndexMath.ValidRange(k{lx}, In{last}, Out{last}, Stride{last}, Pad{last});");
        // Loops over the outer output axes; a position whose input row falls in the padding contributes zeros.
        string position = "0";
        string source = "c";
        for (int a = 0; a < rank - 1; a++)
        {
            string n = Axes.Name(rank, a);
            string l = Axes.Letter(rank, a);
            scopes.Push(w.Block($"for (int o{l} = 0; o{l} < Out{n}; o{l}++)"));
            w.Line($"int i{l} = o{l} * Stride{n} + k{l} - Pad{n};");
            position = position == "0" ? $"o{l}" : $"{Wrap(position)} * Out{n} + o{l}";
            source = $"{Wrap(source)} * In{n} + i{l}";
        }
        string rowOffset = position == "0" ? "0" : $"{Wrap(position)} * Out{last}";
        w.Line($"ref float target = ref Unsafe.Add(ref columnRow, {rowOffset});");
        if (rank > 1)
        {
            string outside = string.Join(" || ", Enumerable.Range(0, rank - 1).Select(a => $"(uint)i{Axes.Letter(rank, a)} >= (uint)In{Axes.Name(rank, a)}"));
            using (w.Block($"if ({outside})"))
            {
                if (!fold) w.Line($"Rows.Clear(ref target, Out{last});");
                w.Line("continue;");
            }
        }
        w.Line($"ref float sourceRow = ref Unsafe.Add(ref input, {Wrap(source)} * In{last});");
        if (!fold)
        {
            w.Line("Rows.Clear(ref target, start);");
            w.Line($"Rows.Clear(ref Unsafe.Add(ref target, end), Out{last} - end);");
        }
        string first = $"k{lx} - Pad{last}";
        if (unitStride)
        {
            w.Line($"ref float inputStart = ref Unsafe.Add(ref sourceRow, start + {first});");
            w.Line(fold
                ? "Rows.Add(ref Unsafe.Add(ref target, start), ref inputStart, end - start);"
                : "Rows.Copy(ref inputStart, ref Unsafe.Add(ref target, start), end - start);");
        }
        else
        {
            using (w.Block($"for (int o{lx} = start; o{lx} < end; o{lx}++)"))
            {
                string input = $"Unsafe.Add(ref sourceRow, o{lx} * Stride{last} + {first})";
                string column = $"Unsafe.Add(ref target, o{lx})";
                w.Line(fold ? $"{input} += {column};" : $"{column} = {input};");
            }
        }
        while (scopes.Count > 0) scopes.Pop().Dispose();
    }

    /// <summary>Parenthesizes a compound index expression, leaves a plain name alone.</summary>
    internal static string Wrap(string expression) => expression.Contains(" ") ? $"({expression})" : expression;

    public void EmitInitialization(CodeWriter w, LayerPlan layer) => ParameterInit.Emit(w, layer, fanIn: (int)ColumnRows(layer), fanOut: layer.Output.Channels * (int)(ColumnRows(layer) / layer.Input.Channels));
}
