using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using System.Linq;
using CnnCompiler.Generator.Layers;
using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// Convolutions of any rank as im2col + GEMM: each sample's input windows are unfolded into a
/// (channels·kernel) × (output positions) column matrix, and the layer becomes W · columns. The backward pass reuses
/// the same unfolding: dW += dY · columnsᵀ, dcolumns = Wᵀ · dY folded back with col2im.
/// </summary>
internal sealed class ConvLayer : ILayerKernel
{
    public IReadOnlyList<LayerKind> Kinds { get; } = [LayerKind.Conv];

    public KernelPlan? Decide(LayerPlan layer) => null;

    public IEnumerable<ScratchBuffer> Scratch(LayerPlan layer)
    {
        if (UsesColumns(layer)) yield return new ScratchBuffer(layer.Identifier + "Columns", "float", ColumnRows(layer) * ColumnCols(layer), PerSample: false);
        if (UsesDirectForward(layer)) yield return new ScratchBuffer(layer.Identifier + "Padded", "float", (long)layer.Input.Channels * PaddedHeight(layer) * PaddedWidth(layer), PerSample: false);
        if (UsesChannelForward(layer))
        {
            yield return new ScratchBuffer(layer.Identifier + "WeightsByChannel", "float", layer.WeightCount, PerSample: false);
            yield return new ScratchBuffer(layer.Identifier + "WeightsSource", "float", layer.WeightCount, PerSample: false);
            yield return new ScratchBuffer(layer.Identifier + "OutputByPosition", "float", layer.Output.Length, PerSample: false);
        }
        if (UsesChannelWeightGradient(layer))
        {
            yield return new ScratchBuffer(layer.Identifier + "GradientByPosition", "float", layer.Output.Length, PerSample: false);
            yield return new ScratchBuffer(layer.Identifier + "WeightGradientByChannel", "float", layer.WeightCount, PerSample: false);
        }
        InputGradientPath inputGradient = InputGradientOf(layer);
        if (inputGradient == InputGradientPath.Direct)
        {
            DirectConv g = InputGradientConv(layer);
            yield return new ScratchBuffer(layer.Identifier + "PaddedGradient", "float", (long)g.InChannels * g.PaddedHeight * g.PaddedWidth, PerSample: false);
        }
        if (inputGradient != InputGradientPath.Columns) yield return new ScratchBuffer(layer.Identifier + "RotatedWeights", "float", layer.WeightCount, PerSample: false);
        bool winogradForward = UsesWinogradForward(layer), winogradGradient = inputGradient == InputGradientPath.Winograd;
        if (winogradForward || winogradGradient)
        {
            // The forward pass and the input gradient run at different times: they share the transformed weights and blocks.
            var passes = new List<WinogradConv>();
            if (winogradForward) passes.Add(ForwardWinograd(layer));
            if (winogradGradient) passes.Add(InputGradientWinograd(layer));
            yield return new ScratchBuffer(layer.Identifier + "WinogradWeights", "float", passes.Max(WinogradEmitter.WeightsLength), PerSample: false);
            yield return new ScratchBuffer(layer.Identifier + "WinogradTransformed", "float", passes.Max(WinogradEmitter.TransformedLength), PerSample: false);
            yield return new ScratchBuffer(layer.Identifier + "WinogradProducts", "float", passes.Max(WinogradEmitter.ProductsLength), PerSample: false);
        }
        // Each deinterleaved source keeps its own zero border, so the two are separate buffers.
        if (winogradForward) yield return new ScratchBuffer(layer.Identifier + "WinogradSource", "float", WinogradEmitter.SourceLength(ForwardWinograd(layer)), PerSample: false);
        if (winogradGradient) yield return new ScratchBuffer(layer.Identifier + "WinogradGradientSource", "float", WinogradEmitter.SourceLength(InputGradientWinograd(layer)), PerSample: false);
        if (layer.FoldsBatchNorm) yield return BatchNormLayer.FoldedBuffer(layer);
    }

    private static long ColumnRows(LayerPlan layer) => layer.Input.Channels * layer.Decl.Kernel.Aggregate(1L, (p, k) => p * k);

    private static long ColumnCols(LayerPlan layer) => layer.Output.PlaneLength;

    /// <summary>
    /// Stride-1 2D layers at least 8 output columns wide convolve directly (<see cref="DirectConvEmitter"/>): the sample
    /// is copied once into a zero-bordered buffer and register tiles of filters × rows × column vectors read it in
    /// place, so no column matrix is written and read back. Others (strided, 1D, 3D, narrow) use im2col + GEMM.
    /// </summary>
    private static bool UsesDirectForward(LayerPlan layer) =>
        layer.Decl.SpatialRank == 2 && layer.Stride[0] == 1 && layer.Stride[1] == 1 && DirectConvEmitter.Supports(layer.Output.Spatial(1));

    /// <summary>
    /// The input gradient of a stride-1 2D layer is itself a stride-1 convolution: of the output gradient, bordered by
    /// kernel − 1 − padding zeros, with the weights' channel axes swapped and the kernel rotated by 180°.
    /// That convolution computes every input position from a full kernel window, zeros included, so it is used only when
    /// the input plane is at most 5/4 of the output plane (same padding, or a small kernel on a large plane): a valid 5×5
    /// convolution on 14×14 (LeNet's second layer) would spend half its products on the zero border.
    /// </summary>
    private static bool InputGradientIsConvolution(LayerPlan layer) =>
        layer.Decl.SpatialRank == 2 && layer.Stride[0] == 1 && layer.Stride[1] == 1 && DirectConvEmitter.Supports(layer.Input.Spatial(1))
        && 4L * layer.Input.PlaneLength <= 5L * layer.Output.PlaneLength;

    /// <summary>The weight gradient reads the forward pass's bordered copy directly when the kernel is narrow enough.</summary>
    private static bool UsesDirectWeightGradient(LayerPlan layer) =>
        UsesDirectForward(layer) && layer.Decl.Kernel[1] <= DirectConvEmitter.MaxWeightGradientKernelWidth;

    /// <summary>Narrow rows with whole vectors of output channels put the channels in the forward tile's lanes (see DirectConvEmitter).</summary>
    private static bool UsesChannelForward(LayerPlan layer) =>
        UsesDirectForward(layer) && DirectConvEmitter.ForwardByChannel(ForwardConv(layer));

    /// <summary>Small planes with whole vectors of output channels reduce the weight gradient across channels (see DirectConvEmitter).</summary>
    private static bool UsesChannelWeightGradient(LayerPlan layer) =>
        UsesDirectWeightGradient(layer) && DirectConvEmitter.WeightGradientByChannel(ForwardConv(layer));

    /// <summary>
    /// Stride-1 3×3 layers whose output has an even height, a width that is a multiple of 8 and at least 32 channels on
    /// both sides run the forward pass as Winograd F(2×2, 3×3) (<see cref="WinogradEmitter"/>): 2.25× fewer
    /// multiplications than the direct kernel, which is already close to the FMA units' peak.
    /// </summary>
    private static bool UsesWinogradForward(LayerPlan layer) =>
        UsesDirectForward(layer) && IsThreeByThree(layer) && WinogradEmitter.Supports(ForwardWinograd(layer));

    /// <summary>How a layer computes its input gradient.</summary>
    private enum InputGradientPath
    {
        /// <summary>Wᵀ · dY into the column matrix, folded back with col2im.</summary>
        Columns,
        /// <summary>A direct convolution of the bordered dY with rotated weights (<see cref="DirectConvEmitter"/>).</summary>
        Direct,
        /// <summary>That convolution as Winograd F(2×2, 3×3) when it is 3×3 and its shapes allow (<see cref="WinogradEmitter"/>).</summary>
        Winograd,
    }

    private static InputGradientPath InputGradientOf(LayerPlan layer) =>
        !InputGradientIsConvolution(layer) ? InputGradientPath.Columns
        : IsThreeByThree(layer) && WinogradEmitter.Supports(InputGradientWinograd(layer)) ? InputGradientPath.Winograd
        : InputGradientPath.Direct;

    private static bool IsThreeByThree(LayerPlan layer) => layer.Decl.Kernel[0] == 3 && layer.Decl.Kernel[1] == 3;

    private static WinogradConv ForwardWinograd(LayerPlan layer) => new(
        layer.Input.Channels, layer.Output.Channels, layer.Input.Spatial(0), layer.Input.Spatial(1), layer.Output.Spatial(0), layer.Output.Spatial(1),
        layer.PadBegin[0], layer.PadBegin[1], ReluEpilogue: layer.Decl.Activation == ActivationKind.ReLU);

    private static WinogradConv InputGradientWinograd(LayerPlan layer) => new(
        layer.Output.Channels, layer.Input.Channels, layer.Output.Spatial(0), layer.Output.Spatial(1), layer.Input.Spatial(0), layer.Input.Spatial(1),
        2 - layer.PadBegin[0], 2 - layer.PadBegin[1], ReluEpilogue: false);

    /// <summary>Whether any pass still goes through the im2col column matrix.</summary>
    private static bool UsesColumns(LayerPlan layer) =>
        !UsesDirectForward(layer) || !UsesDirectWeightGradient(layer) || InputGradientOf(layer) == InputGradientPath.Columns;

    private static DirectConv ForwardConv(LayerPlan layer) => new(
        layer.Input.Channels, layer.Output.Channels, layer.Output.Spatial(0), layer.Output.Spatial(1),
        layer.Decl.Kernel[0], layer.Decl.Kernel[1], ReluEpilogue: layer.Decl.Activation == ActivationKind.ReLU);

    private static DirectConv InputGradientConv(LayerPlan layer) => new(
        layer.Output.Channels, layer.Input.Channels, layer.Input.Spatial(0), layer.Input.Spatial(1),
        layer.Decl.Kernel[0], layer.Decl.Kernel[1], ReluEpilogue: false);

    private static int PaddedHeight(LayerPlan layer) => layer.Input.Spatial(0) + layer.PadBegin[0] + layer.PadEnd[0];

    private static int PaddedWidth(LayerPlan layer) => layer.Input.Spatial(1) + layer.PadBegin[1] + layer.PadEnd[1];

    public void EmitLayerClass(CodeWriter w, LayerPlan layer)
    {
        int rank = layer.Decl.SpatialRank;
        long rows = ColumnRows(layer), cols = ColumnCols(layer);
        int filters = layer.Output.Channels;
        LayerDescription.EmitHeader(w, layer, Strategy(layer));
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
            if (InputGradientOf(layer) == InputGradientPath.Direct)
            {
                DirectConv g = InputGradientConv(layer);
                w.Line("/// <summary>The output gradient of one channel bordered by kernel − 1 − padding zeros, which the input gradient convolves.</summary>");
                w.Line($"public const int GradientHeight = {g.PaddedHeight}, GradientWidth = {g.PaddedWidth}, GradientTop = {layer.Decl.Kernel[0] - 1 - layer.PadBegin[0]}, GradientLeft = {layer.Decl.Kernel[1] - 1 - layer.PadBegin[1]};");
            }
            w.Line();
            EmitForward(w, layer);
            w.Line();
            EmitBackward(w, layer);
            if (UsesColumns(layer))
            {
                w.Line();
                EmitUnfold(w, layer, fold: false);
            }
            if (UsesDirectForward(layer))
            {
                w.Line();
                EmitCopyBordered(w);
                w.Line();
            }
            if (UsesChannelForward(layer) || UsesChannelWeightGradient(layer))
            {
                EmitChannelsLast(w);
                w.Line();
            }
            if (UsesChannelForward(layer))
            {
                DirectConvEmitter.EmitForwardByChannel(w, "ConvolveByChannel", "out[y, x, o] = bias[o] + Σ wt[i, ky, kx, o] · padded[i, y + ky, x + kx]" + (layer.Decl.Activation == ActivationKind.ReLU ? ", clamped at 0 (the fused ReLU)" : "") + ": positions × channels", ForwardConv(layer));
            }
            else if (UsesWinogradForward(layer))
            {
                WinogradEmitter.Emit(w, "ConvolveWinograd", "output[o, y, x] = bias[o] + Σ weights[o, i, ky, kx] · padded[i, y + ky, x + kx]" + (layer.Decl.Activation == ActivationKind.ReLU ? ", clamped at 0 (the fused ReLU)" : ""), ForwardWinograd(layer));
            }
            else if (UsesDirectForward(layer))
            {
                DirectConvEmitter.Emit(w, "Convolve", "output[o, y, x] = bias[o] + Σ weights[o, i, ky, kx] · padded[i, y + ky, x + kx]" + (layer.Decl.Activation == ActivationKind.ReLU ? ", clamped at 0 (the fused ReLU)" : ""), ForwardConv(layer));
            }
            else
            {
                w.Line();
                GemmEmitter.Emit(w, "MultiplyWeightsByColumns", $"output[{filters}×{cols}] = W[{filters}×{rows}] · columns[{rows}×{cols}]",
                    new BroadcastGemm((int)filters, (int)cols, (int)rows, (int)rows, 1, (int)cols, (int)cols, Accumulate: false));
            }
            w.Line();
            if (UsesChannelWeightGradient(layer))
            {
                EmitChannelGradientHelpers(w);
                w.Line();
                DirectConvEmitter.EmitWeightGradientByChannel(w, "AccumulateWeightGradient", "dWt[i, ky, kx, o] += Σ dYt[y, x, o] · padded[i, y + ky, x + kx]", ForwardConv(layer));
            }
            else if (UsesDirectWeightGradient(layer))
            {
                DirectConvEmitter.EmitWeightGradient(w, "AccumulateWeightGradient", "dW[o, i, ky, kx] += Σ dY[o, y, x] · padded[i, y + ky, x + kx]", ForwardConv(layer));
            }
            else
            {
                GemmEmitter.Emit(w, "AccumulateWeightGradient", $"dW[{filters}×{rows}] += dY[{filters}×{cols}] · columns[{rows}×{cols}]ᵀ",
                    new DotGemm(filters, (int)rows, (int)cols, (int)cols, (int)cols, (int)rows, 1, Accumulate: true));
            }
            if (InputGradientOf(layer) == InputGradientPath.Winograd)
            {
                w.Line();
                EmitRotateWeights(w);
                w.Line();
                WinogradEmitter.Emit(w, "ConvolveGradientWinograd", "dx[i, y, x] = Σ rotated[i, o, ky, kx] · bordered dY[o, y + ky, x + kx]", InputGradientWinograd(layer));
            }
            else if (InputGradientOf(layer) == InputGradientPath.Direct)
            {
                w.Line();
                EmitRotateWeights(w);
                w.Line();
                DirectConvEmitter.Emit(w, "ConvolveGradient", "dx[i, y, x] = Σ rotated[i, o, ky, kx] · bordered dY[o, y + ky, x + kx]", InputGradientConv(layer));
            }
            else
            {
                w.Line();
                EmitUnfold(w, layer, fold: true);
                w.Line();
                GemmEmitter.Emit(w, "MultiplyTransposedWeightsByGradient", $"dcolumns[{rows}×{cols}] = Wᵀ[{rows}×{filters}] · dY[{filters}×{cols}]",
                    new BroadcastGemm((int)rows, (int)cols, filters, 1, (int)rows, (int)cols, (int)cols, Accumulate: false));
            }
        }
    }

    private static string Strategy(LayerPlan layer)
    {
        long rows = ColumnRows(layer), cols = ColumnCols(layer);
        string forward = UsesChannelForward(layer)
            ? $"forward convolves a zero-bordered copy directly with output channels in vector lanes (tiles of {DirectConvEmitter.ChannelTile(ForwardConv(layer)).Vectors} channel vectors × {DirectConvEmitter.ChannelTile(ForwardConv(layer)).Positions} positions{(DirectConvEmitter.HasWideForwardByChannel(ForwardConv(layer)) ? $"; {DirectConvEmitter.ChannelTile(ForwardConv(layer), WideTwins.WideLanes).Vectors} of 16 × {DirectConvEmitter.ChannelTile(ForwardConv(layer), WideTwins.WideLanes).Positions} with 512-bit vectors" : "")}), bias{(layer.Decl.Activation == ActivationKind.ReLU ? " and ReLU" : "")} fused, then transposed back in 8×8 blocks"
            : UsesWinogradForward(layer)
            ? $"forward as {WinogradEmitter.Describe(ForwardWinograd(layer))}"
            : UsesDirectForward(layer)
            ? $"forward convolves a zero-bordered copy directly in tiles of {DirectConvEmitter.Describe(ForwardConv(layer))}"
            : $"forward as im2col into a {rows}×{cols} column matrix per sample, then GEMM W[{layer.Output.Channels}×{rows}] · columns";
        string inputGradient = InputGradientOf(layer) switch
        {
            InputGradientPath.Winograd => $"dx as {WinogradEmitter.Describe(InputGradientWinograd(layer))} of the bordered dY with rotated weights",
            InputGradientPath.Direct => $"dx as a direct convolution of the bordered dY with rotated weights ({DirectConvEmitter.Describe(InputGradientConv(layer))})",
            _ => "dx as Wᵀ · dY folded back with col2im",
        };
        string weightGradient = UsesChannelWeightGradient(layer)
            ? $"dW reduced with output channels in vector lanes ({DirectConvEmitter.WeightGradientChannelVectors(ForwardConv(layer))} vectors of 8 × {layer.Decl.Kernel[1]} kernel columns{(DirectConvEmitter.HasWideWeightGradientByChannel(ForwardConv(layer)) ? $"; {DirectConvEmitter.WeightGradientChannelVectors(ForwardConv(layer), WideTwins.WideLanes)} of 16 with 512-bit vectors" : "")}), dY transposed per sample"
            : UsesDirectWeightGradient(layer)
            ? $"dW reduced from dY and the bordered copy in tiles of {DirectConvEmitter.WeightGradientFilters(ForwardConv(layer))} filters × {layer.Decl.Kernel[1]} kernel columns{(DirectConvEmitter.HasWideWeightGradient(ForwardConv(layer)) ? " (vectors of 16 columns with 512-bit vectors)" : "")}"
            : "dW = dY · columnsᵀ over the im2col columns";
        return $"strategy: {forward}; backward: {weightGradient}, {inputGradient}";
    }

    private static void EmitForward(CodeWriter w, LayerPlan layer)
    {
        bool direct = UsesDirectForward(layer);
        if (layer.FoldsBatchNorm)
        {
            BatchNormLayer.EmitFoldedEntryPoints(w, layer, "⊛", "OutChannels");
            if (UsesWinogradForward(layer)) EmitWinogradForward(w, layer, BatchNormLayer.ApplySignature, "weightValues", "bias");
            else if (direct) EmitDirectForward(w, layer, BatchNormLayer.ApplySignature, "ref MemoryMarshal.GetReference(weightValues)", "bias");
            else EmitForwardBody(w, layer, BatchNormLayer.ApplySignature, "ref MemoryMarshal.GetReference(weightValues)", "if (!bias.IsEmpty)", "bias[c]");
            return;
        }
        w.Line("/// <summary>y = act(W ⊛ x + b) for <paramref name=\"count\"/> samples.</summary>");
        const string signature = "public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count)";
        const string weights = "ref Unsafe.Add(ref MemoryMarshal.GetReference(parameters), WeightOffset)";
        if (UsesWinogradForward(layer)) EmitWinogradForward(w, layer, signature, "parameters.Slice(WeightOffset, WeightCount)", layer.BiasCount > 0 ? "parameters.Slice(BiasOffset, BiasCount)" : "default");
        else if (direct) EmitDirectForward(w, layer, signature, weights, layer.BiasCount > 0 ? "parameters.Slice(BiasOffset, BiasCount)" : "default");
        else EmitForwardBody(w, layer, signature, weights, layer.BiasCount > 0 ? "" : null, "parameters[BiasOffset + c]");
    }

    private static void EmitWinogradForward(CodeWriter w, LayerPlan layer, string signature, string weights, string bias)
    {
        using (w.Block(signature))
        {
            w.Line($"float[] transformedWeights = workspace.{layer.Identifier}WinogradWeights;");
            w.Line($"WinogradKernels.TransformWeights({weights}, transformedWeights, OutChannels, InChannels); // U = G g Gᵀ, once per call");
            w.Line($"ConvolveWinograd(input, ref MemoryMarshal.GetArrayDataReference(transformedWeights), {bias}, output, workspace.{layer.Identifier}WinogradSource, "
                + $"ref MemoryMarshal.GetArrayDataReference(workspace.{layer.Identifier}WinogradTransformed), ref MemoryMarshal.GetArrayDataReference(workspace.{layer.Identifier}WinogradProducts), count);");
            if (layer.Decl.Activation != ActivationKind.ReLU)
            {
                ActivationLayer.EmitForwardInPlace(w, layer.Decl.Activation, "output.Slice(0, count * OutputLength)");
            }
        }
    }

    private static void EmitDirectForward(CodeWriter w, LayerPlan layer, string signature, string weights, string bias)
    {
        using (w.Block(signature))
        {
            w.Line($"ref float weights = {weights};");
            w.Line($"ReadOnlySpan<float> biasValues = {bias};");
            w.Line($"float[] padded = workspace.{layer.Identifier}Padded;");
            if (UsesChannelForward(layer))
            {
                w.Line($"ref float weightsByChannel = ref MemoryMarshal.GetArrayDataReference(workspace.{layer.Identifier}WeightsByChannel);");
                w.Line($"ref float outputByPosition = ref MemoryMarshal.GetArrayDataReference(workspace.{layer.Identifier}OutputByPosition);");
                w.Line("// The weights of one tap and 8 filters as one vector. The transposition is kept in the workspace and redone only");
                w.Line("// when the weights differ bitwise from the copy it was made from (Parameters is a public span: every write shows).");
                w.Line("// A new workspace holds zeros in both, which agree.");
                w.Line($"Span<float> weightsSource = workspace.{layer.Identifier}WeightsSource;");
                w.Line("ReadOnlySpan<float> currentWeights = MemoryMarshal.CreateReadOnlySpan(ref weights, WeightCount);");
                using (w.Block("if (!MemoryMarshal.AsBytes(currentWeights).SequenceEqual(MemoryMarshal.AsBytes(weightsSource)))"))
                {
                    w.Line("currentWeights.CopyTo(weightsSource);");
                    w.Line("ChannelsLast(ref weights, ref weightsByChannel, ColumnRows);");
                }
            }
            using (w.Block("for (int n = 0; n < count; n++)"))
            {
                w.Line("CopyBordered(input.Slice(n * InputLength, InputLength), padded);");
                if (UsesChannelForward(layer))
                {
                    w.Line("ConvolveByChannel(ref MemoryMarshal.GetArrayDataReference(padded), ref weightsByChannel, biasValues, ref outputByPosition);");
                    w.Line("Transposition.Transpose(ref outputByPosition, ColumnCols, OutChannels, ref Unsafe.Add(ref MemoryMarshal.GetReference(output), n * OutputLength)); // back to channel-major");
                }
                else
                {
                    w.Line("Convolve(ref MemoryMarshal.GetArrayDataReference(padded), ref weights, biasValues, ref Unsafe.Add(ref MemoryMarshal.GetReference(output), n * OutputLength));");
                }
            }
            if (layer.Decl.Activation != ActivationKind.ReLU)
            {
                ActivationLayer.EmitForwardInPlace(w, layer.Decl.Activation, "output.Slice(0, count * OutputLength)");
            }
        }
    }

    private static void EmitCopyBordered(CodeWriter w)
    {
        w.Line("/// <summary>Copies one sample into the interior of the zero-bordered buffer; the borders are never written, so they stay zero.</summary>");
        using (w.Block("private static void CopyBordered(ReadOnlySpan<float> sample, float[] padded)"))
        using (w.Block("for (int c = 0; c < InChannels; c++)"))
        using (w.Block("for (int iy = 0; iy < InHeight; iy++)"))
        {
            w.Line("sample.Slice((c * InHeight + iy) * InWidth, InWidth).CopyTo(padded.AsSpan((c * PaddedHeight + iy + PadHeight) * PaddedWidth + PadWidth, InWidth));");
        }
    }


    private static void EmitRotateWeights(CodeWriter w)
    {
        w.Line("/// <summary>rotated[i, o, ky, kx] = W[o, i, KernelHeight − 1 − ky, KernelWidth − 1 − kx]: the weights the input gradient convolves with.</summary>");
        using (w.Block("private static void RotateWeights(ref float weights, ref float rotated)"))
        using (w.Block("for (int o = 0; o < OutChannels; o++)"))
        using (w.Block("for (int i = 0; i < InChannels; i++)"))
        using (w.Block("for (int ky = 0; ky < KernelHeight; ky++)"))
        using (w.Block("for (int kx = 0; kx < KernelWidth; kx++)"))
        {
            w.Line("Unsafe.Add(ref rotated, ((i * OutChannels + o) * KernelHeight + KernelHeight - 1 - ky) * KernelWidth + KernelWidth - 1 - kx) = Unsafe.Add(ref weights, ((o * InChannels + i) * KernelHeight + ky) * KernelWidth + kx);");
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
            ActivationLayer.EmitForwardInPlace(w, layer.Decl.Activation, "output.Slice(0, count * OutputLength)");
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
            ActivationLayer.EmitBackwardInPlace(w, layer.Decl.Activation, "output.Slice(0, count * OutputLength)", "outputGradient.Slice(0, count * OutputLength)");
            w.Line("ref float weights = ref Unsafe.Add(ref MemoryMarshal.GetReference(parameters), WeightOffset);");
            if (UsesColumns(layer)) w.Line($"ref float columns = ref MemoryMarshal.GetArrayDataReference(workspace.{layer.Identifier}Columns);");
            if (UsesDirectWeightGradient(layer)) w.Line($"float[] padded = workspace.{layer.Identifier}Padded;");
            bool byChannel = UsesChannelWeightGradient(layer);
            if (byChannel)
            {
                w.Line($"ref float gradientByPosition = ref MemoryMarshal.GetArrayDataReference(workspace.{layer.Identifier}GradientByPosition);");
                w.Line($"float[] weightGradientByChannel = workspace.{layer.Identifier}WeightGradientByChannel;");
                w.Line("if (trainable) Array.Clear(weightGradientByChannel);");
            }
            InputGradientPath path = InputGradientOf(layer);
            if (path == InputGradientPath.Winograd)
            {
                w.Line($"ref float rotated = ref MemoryMarshal.GetArrayDataReference(workspace.{layer.Identifier}RotatedWeights);");
                w.Line($"float[] transformedWeights = workspace.{layer.Identifier}WinogradWeights;");
                using (w.Block("if (!inputGradient.IsEmpty)"))
                {
                    w.Line("RotateWeights(ref weights, ref rotated);");
                    w.Line($"WinogradKernels.TransformWeights(workspace.{layer.Identifier}RotatedWeights, transformedWeights, InChannels, OutChannels);");
                    w.Line("// dx for the whole batch at once: the Winograd blocks may span samples.");
                    w.Line($"ConvolveGradientWinograd(outputGradient, ref MemoryMarshal.GetArrayDataReference(transformedWeights), default, inputGradient, workspace.{layer.Identifier}WinogradGradientSource, "
                        + $"ref MemoryMarshal.GetArrayDataReference(workspace.{layer.Identifier}WinogradTransformed), ref MemoryMarshal.GetArrayDataReference(workspace.{layer.Identifier}WinogradProducts), count);");
                }
            }
            if (path == InputGradientPath.Direct)
            {
                w.Line($"float[] bordered = workspace.{layer.Identifier}PaddedGradient;");
                w.Line($"ref float rotated = ref MemoryMarshal.GetArrayDataReference(workspace.{layer.Identifier}RotatedWeights);");
                w.Line("if (!inputGradient.IsEmpty) RotateWeights(ref weights, ref rotated);");
            }
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
                    if (byChannel)
                    {
                        w.Line("// The forward pass's bordered copy is made again rather than kept for the whole batch.");
                        w.Line("CopyBordered(input.Slice(n * InputLength, InputLength), padded);");
                        w.Line("ChannelsLast(ref MemoryMarshal.GetReference(dy), ref gradientByPosition, ColumnCols);");
                        w.Line("AccumulateWeightGradient(ref MemoryMarshal.GetArrayDataReference(padded), ref gradientByPosition, ref MemoryMarshal.GetArrayDataReference(weightGradientByChannel));");
                    }
                    else if (UsesDirectWeightGradient(layer))
                    {
                        w.Line("// The forward pass's bordered copy is made again rather than kept for the whole batch.");
                        w.Line("CopyBordered(input.Slice(n * InputLength, InputLength), padded);");
                        w.Line("AccumulateWeightGradient(ref MemoryMarshal.GetArrayDataReference(padded), ref MemoryMarshal.GetReference(dy), ref Unsafe.Add(ref MemoryMarshal.GetReference(parameterGradients), WeightOffset));");
                    }
                    else
                    {
                        w.Line("// The forward pass's columns are recomputed rather than kept for the whole batch.");
                        w.Line("Unfold(ref Unsafe.Add(ref MemoryMarshal.GetReference(input), n * InputLength), ref columns);");
                        w.Line("AccumulateWeightGradient(ref MemoryMarshal.GetReference(dy), ref columns, ref Unsafe.Add(ref MemoryMarshal.GetReference(parameterGradients), WeightOffset));");
                    }
                }
                if (path == InputGradientPath.Direct)
                {
                    w.Line("if (inputGradient.IsEmpty) continue;");
                    w.Line("// The borders of the copy stay zero: only the interior is ever written.");
                    using (w.Block("for (int c = 0; c < OutChannels; c++)"))
                    using (w.Block("for (int oy = 0; oy < OutHeight; oy++)"))
                    {
                        w.Line("dy.Slice((c * OutHeight + oy) * OutWidth, OutWidth).CopyTo(bordered.AsSpan((c * GradientHeight + oy + GradientTop) * GradientWidth + GradientLeft, OutWidth));");
                    }
                    w.Line("ConvolveGradient(ref MemoryMarshal.GetArrayDataReference(bordered), ref rotated, default, ref Unsafe.Add(ref MemoryMarshal.GetReference(inputGradient), n * InputLength));");
                }
                else if (path == InputGradientPath.Columns)
                {
                    w.Line("if (inputGradient.IsEmpty) continue;");
                    w.Line("MultiplyTransposedWeightsByGradient(ref weights, ref MemoryMarshal.GetReference(dy), ref columns);");
                    w.Line("Span<float> dx = inputGradient.Slice(n * InputLength, InputLength);");
                    w.Line("dx.Clear();");
                    w.Line("Fold(ref columns, ref MemoryMarshal.GetReference(dx));");
                }
            }
            if (byChannel)
            {
                w.Line("if (trainable) AddChannelGradient(ref MemoryMarshal.GetArrayDataReference(weightGradientByChannel), ref Unsafe.Add(ref MemoryMarshal.GetReference(parameterGradients), WeightOffset));");
            }
        }
    }

    /// <summary>
    /// The one transposition both channels-in-lanes passes start from: an OutChannels × length matrix (the weights, one
    /// filter per row; or one sample's dY, one plane per row) rewritten length × OutChannels, the channels side by side.
    /// </summary>
    private static void EmitChannelsLast(CodeWriter w)
    {
        w.Line("/// <summary>destination[t, o] = source[o, t] for the OutChannels rows of <paramref name=\"length\"/> values: channels side by side.</summary>");
        w.Line("private static void ChannelsLast(ref float source, ref float destination, int length) => Transposition.Transpose(ref source, OutChannels, length, ref destination);");
    }

    private static void EmitChannelGradientHelpers(CodeWriter w)
    {
        w.Line("/// <summary>dW[o, i, ky, kx] += dWt[i, ky, kx, o]: the batch's channel-major weight gradient added back in PyTorch's layout.</summary>");
        using (w.Block("private static void AddChannelGradient(ref float weightGradientByChannel, ref float weightGradient)"))
        using (w.Block("for (int o = 0; o < OutChannels; o++)"))
        using (w.Block("for (int t = 0; t < ColumnRows; t++)"))
        {
            w.Line("Unsafe.Add(ref weightGradient, o * ColumnRows + t) += Unsafe.Add(ref weightGradientByChannel, t * OutChannels + o);");
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
