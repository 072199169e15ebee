using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// A convolution of any rank over the batch, each pass by the strategy <typeparamref name="TShape"/> records: forward
/// y = act(W ⊛ x + b); backward dZ = dY · act′, db += Σ dZ, dW += dZ ⋆ x, dx = the full convolution of dZ with the
/// rotated weights. Every size, strategy and tile is a constant of <typeparamref name="TShape"/>, so each layer's code is
/// specialized by the JIT and the switches below fold away. The scratch arrays come from the caller's workspace.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Conv<TShape> where TShape : struct, IConvShape
{
    private static int InputLength { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.InChannels * TShape.InDepth * TShape.InHeight * TShape.InWidth; }

    private static int OutputLength { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.OutChannels * ColumnCols; }

    private static int WeightCount { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.OutChannels * ColumnRows; }

    /// <summary>Whether the forward kernel clamps at zero as it stores (the direct, channels-in-lanes and Winograd kernels fuse a ReLU).</summary>
    private static bool FusesReLU { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.Forward != ConvForward.Columns && TShape.Activation == Activation.ReLU; }

    /// <summary>y = act(W ⊛ x + b) for <paramref name="count"/> samples; an empty <paramref name="bias"/> means none.</summary>
    public static void Forward(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ReadOnlySpan<float> input, Span<float> output, int count, in ConvBuffers buffers)
    {
        switch (TShape.Forward)
        {
            case ConvForward.Direct: ForwardDirect(weights, bias, input, output, count, buffers); break;
            case ConvForward.ChannelLanes: ForwardByChannel(weights, bias, input, output, count, buffers); break;
            case ConvForward.Winograd: ForwardWinograd(weights, bias, input, output, count, buffers); break;
            default: ForwardColumns(weights, bias, input, output, count, buffers); break;
        }
        if (!FusesReLU) FusedActivation.Forward(TShape.Activation, output.Slice(0, count * OutputLength));
    }

    private static void ForwardDirect(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ReadOnlySpan<float> input, Span<float> output, int count, in ConvBuffers buffers)
    {
        float[] padded = buffers.Padded;
        for (int n = 0; n < count; n++)
        {
            CopyPadded(input.Slice(n * InputLength, InputLength), padded);
            DirectConvolution<ForwardDirectConv>.Convolve(ref MemoryMarshal.GetArrayDataReference(padded), ref MemoryMarshal.GetReference(weights), bias,
                ref Unsafe.Add(ref MemoryMarshal.GetReference(output), n * OutputLength));
        }
    }

    private static void ForwardByChannel(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ReadOnlySpan<float> input, Span<float> output, int count, in ConvBuffers buffers)
    {
        float[] padded = buffers.Padded;
        ref float weightsByChannel = ref MemoryMarshal.GetArrayDataReference(buffers.WeightsByChannel);
        ref float outputByPosition = ref MemoryMarshal.GetArrayDataReference(buffers.OutputByPosition);
        // The weights of one tap and 8 filters as one vector. The transposition is kept in the workspace and redone only
        // when the weights differ bitwise from the copy it was made from (Parameters is a public span: every write shows).
        // A new workspace holds zeros in both, which agree.
        ReadOnlySpan<float> current = weights.Slice(0, WeightCount);
        if (!MemoryMarshal.AsBytes(current).SequenceEqual(MemoryMarshal.AsBytes(buffers.WeightsSource.AsSpan())))
        {
            current.CopyTo(buffers.WeightsSource);
            Transposition.Transpose(ref MemoryMarshal.GetReference(current), TShape.OutChannels, ColumnRows, ref weightsByChannel);
        }
        for (int n = 0; n < count; n++)
        {
            CopyPadded(input.Slice(n * InputLength, InputLength), padded);
            ChannelLanesForward<ForwardChannelConv>.Convolve(ref MemoryMarshal.GetArrayDataReference(padded), ref weightsByChannel, bias, ref outputByPosition);
            // Back to channel-major.
            Transposition.Transpose(ref outputByPosition, ColumnCols, TShape.OutChannels, ref Unsafe.Add(ref MemoryMarshal.GetReference(output), n * OutputLength));
        }
    }

    private static void ForwardWinograd(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ReadOnlySpan<float> input, Span<float> output, int count, in ConvBuffers buffers)
    {
        // U = G g Gᵀ, once per call.
        WinogradKernels.TransformWeights(weights, buffers.WinogradWeights, TShape.OutChannels, TShape.InChannels);
        Winograd<ForwardWinogradConv>.Convolve(input, ref MemoryMarshal.GetArrayDataReference(buffers.WinogradWeights), bias, output, buffers.WinogradSource,
            ref MemoryMarshal.GetArrayDataReference(buffers.WinogradTransformed), ref MemoryMarshal.GetArrayDataReference(buffers.WinogradProducts), count);
    }

    private static void ForwardColumns(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ReadOnlySpan<float> input, Span<float> output, int count, in ConvBuffers buffers)
    {
        ref float columns = ref MemoryMarshal.GetArrayDataReference(buffers.Columns);
        for (int n = 0; n < count; n++)
        {
            Unfold(ref Unsafe.Add(ref MemoryMarshal.GetReference(input), n * InputLength), ref columns);
            Span<float> y = output.Slice(n * OutputLength, OutputLength);
            BroadcastGemm<ForwardGemm>.Multiply(ref MemoryMarshal.GetReference(weights), ref columns, ref MemoryMarshal.GetReference(y));
            if (bias.IsEmpty) continue;
            for (int c = 0; c < TShape.OutChannels; c++)
            {
                Span<float> plane = y.Slice(c * ColumnCols, ColumnCols);
                TensorPrimitives.Add(plane, bias[c], plane);
            }
        }
    }

    /// <summary>
    /// Inverts <see cref="Forward"/>. <paramref name="outputGradient"/> becomes dZ in place. Empty
    /// <paramref name="weightGradient"/> means the layer is frozen (no parameter gradient); empty
    /// <paramref name="biasGradient"/> means no bias; empty <paramref name="inputGradient"/> means no layer before needs it.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> weights, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient,
        Span<float> inputGradient, Span<float> weightGradient, Span<float> biasGradient, int count, in ConvBuffers buffers)
    {
        bool trainable = !weightGradient.IsEmpty;
        if (!trainable && inputGradient.IsEmpty) return;
        FusedActivation.Backward(TShape.Activation, output.Slice(0, count * OutputLength), outputGradient.Slice(0, count * OutputLength));
        bool byChannel = TShape.WeightGradient == ConvWeightGradient.ChannelLanes;
        if (byChannel && trainable) Array.Clear(buffers.WeightGradientByChannel);
        if (TShape.InputGradient != ConvInputGradient.Columns && !inputGradient.IsEmpty) RotateWeights(weights, buffers.RotatedWeights);
        if (TShape.InputGradient == ConvInputGradient.Winograd && !inputGradient.IsEmpty)
        {
            WinogradKernels.TransformWeights(buffers.RotatedWeights, buffers.WinogradWeights, TShape.InChannels, TShape.OutChannels);
            // dx for the whole batch at once: the Winograd blocks may span samples.
            Winograd<InputGradientWinogradConv>.Convolve(outputGradient, ref MemoryMarshal.GetArrayDataReference(buffers.WinogradWeights), default, inputGradient,
                buffers.WinogradGradientSource, ref MemoryMarshal.GetArrayDataReference(buffers.WinogradTransformed), ref MemoryMarshal.GetArrayDataReference(buffers.WinogradProducts), count);
        }
        for (int n = 0; n < count; n++)
        {
            Span<float> dy = outputGradient.Slice(n * OutputLength, OutputLength);
            if (trainable)
            {
                // db[c] += Σ over positions of dZ[c, ·]
                for (int c = 0; c < biasGradient.Length; c++) biasGradient[c] += TensorPrimitives.Sum(dy.Slice(c * ColumnCols, ColumnCols));
                AccumulateWeightGradient(input.Slice(n * InputLength, InputLength), dy, weightGradient, buffers);
            }
            if (inputGradient.IsEmpty) continue;
            Span<float> dx = inputGradient.Slice(n * InputLength, InputLength);
            if (TShape.InputGradient == ConvInputGradient.Direct)
            {
                // The borders of the copy stay zero: only the interior is ever written.
                CopyBordered(dy, TShape.OutChannels, TShape.OutHeight, TShape.OutWidth, buffers.PaddedGradient, TShape.InHeight + TShape.KernelHeight - 1,
                    TShape.InWidth + TShape.KernelWidth - 1, TShape.KernelHeight - 1 - TShape.PadHeight, TShape.KernelWidth - 1 - TShape.PadWidth);
                DirectConvolution<InputGradientDirectConv>.Convolve(ref MemoryMarshal.GetArrayDataReference(buffers.PaddedGradient),
                    ref MemoryMarshal.GetArrayDataReference(buffers.RotatedWeights), default, ref MemoryMarshal.GetReference(dx));
            }
            else if (TShape.InputGradient == ConvInputGradient.Columns)
            {
                ref float columns = ref MemoryMarshal.GetArrayDataReference(buffers.Columns);
                BroadcastGemm<InputGradientGemm>.Multiply(ref MemoryMarshal.GetReference(weights), ref MemoryMarshal.GetReference(dy), ref columns);
                dx.Clear();
                Fold(ref columns, ref MemoryMarshal.GetReference(dx));
            }
        }
        if (byChannel && trainable) AddChannelGradient(buffers.WeightGradientByChannel, weightGradient);
    }

    /// <summary>dW += dZ ⋆ x for one sample, by the layer's weight-gradient strategy.</summary>
    private static void AccumulateWeightGradient(ReadOnlySpan<float> sample, Span<float> dy, Span<float> weightGradient, in ConvBuffers buffers)
    {
        if (TShape.WeightGradient == ConvWeightGradient.Columns)
        {
            // The forward pass's columns are recomputed rather than kept for the whole batch.
            ref float columns = ref MemoryMarshal.GetArrayDataReference(buffers.Columns);
            Unfold(ref MemoryMarshal.GetReference(sample), ref columns);
            DotGemm<WeightGradientGemm>.Multiply(ref MemoryMarshal.GetReference(dy), ref columns, ref MemoryMarshal.GetReference(weightGradient));
            return;
        }
        // The forward pass's bordered copy is made again rather than kept for the whole batch.
        CopyPadded(sample, buffers.Padded);
        if (TShape.WeightGradient == ConvWeightGradient.ChannelLanes)
        {
            ref float gradientByPosition = ref MemoryMarshal.GetArrayDataReference(buffers.GradientByPosition);
            Transposition.Transpose(ref MemoryMarshal.GetReference(dy), TShape.OutChannels, ColumnCols, ref gradientByPosition);
            ChannelLanesWeightGradient<WeightGradientChannelConv>.Accumulate(ref MemoryMarshal.GetArrayDataReference(buffers.Padded), ref gradientByPosition,
                ref MemoryMarshal.GetArrayDataReference(buffers.WeightGradientByChannel));
        }
        else
        {
            DirectWeightGradient<WeightGradientDirectConv>.Accumulate(ref MemoryMarshal.GetArrayDataReference(buffers.Padded), ref MemoryMarshal.GetReference(dy),
                ref MemoryMarshal.GetReference(weightGradient));
        }
    }

    /// <summary>One sample into the interior of the forward pass's zero-bordered copy (2D, stride 1).</summary>
    private static void CopyPadded(ReadOnlySpan<float> sample, float[] padded) =>
        CopyBordered(sample, TShape.InChannels, TShape.InHeight, TShape.InWidth, padded, TShape.OutHeight + TShape.KernelHeight - 1,
            TShape.OutWidth + TShape.KernelWidth - 1, TShape.PadHeight, TShape.PadWidth);

    /// <summary>Copies <paramref name="channels"/> planes into the interior of a zero-bordered buffer at (<paramref name="top"/>, <paramref name="left"/>); the borders are never written, so they stay zero.</summary>
    private static void CopyBordered(ReadOnlySpan<float> planes, int channels, int height, int width, float[] bordered, int borderedHeight, int borderedWidth, int top, int left)
    {
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                planes.Slice((c * height + y) * width, width).CopyTo(bordered.AsSpan((c * borderedHeight + y + top) * borderedWidth + left, width));
            }
        }
    }

    /// <summary>rotated[i, o, ky, kx] = W[o, i, KernelHeight − 1 − ky, KernelWidth − 1 − kx]: the weights the input gradient convolves with.</summary>
    private static void RotateWeights(ReadOnlySpan<float> weights, float[] rotated)
    {
        int kh = TShape.KernelHeight, kw = TShape.KernelWidth;
        for (int o = 0; o < TShape.OutChannels; o++)
        {
            for (int i = 0; i < TShape.InChannels; i++)
            {
                for (int ky = 0; ky < kh; ky++)
                {
                    for (int kx = 0; kx < kw; kx++)
                    {
                        rotated[((i * TShape.OutChannels + o) * kh + kh - 1 - ky) * kw + kw - 1 - kx] = weights[((o * TShape.InChannels + i) * kh + ky) * kw + kx];
                    }
                }
            }
        }
    }

    /// <summary>dW[o, i, ky, kx] += dWt[i, ky, kx, o]: the batch's channel-major weight gradient added back in PyTorch's layout.</summary>
    private static void AddChannelGradient(float[] weightGradientByChannel, Span<float> weightGradient)
    {
        int rows = ColumnRows;
        for (int o = 0; o < TShape.OutChannels; o++)
        {
            for (int t = 0; t < rows; t++) weightGradient[o * rows + t] += weightGradientByChannel[t * TShape.OutChannels + o];
        }
    }
}
