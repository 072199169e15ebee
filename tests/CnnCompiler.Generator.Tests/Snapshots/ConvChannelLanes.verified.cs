/// <summary>conv1: forward convolves a zero-bordered copy with output channels in vector lanes (tiles of 2 channel vectors of 8 × 5 positions, 1 of 16 × 10 with 512-bit vectors), bias and ReLU fused, then transposed back in 8×8 blocks; backward: dW reduced with output channels in vector lanes (2 channel vectors of 8 × 3 kernel columns, 1 of 16 with 512-bit vectors), dY transposed per sample, dx as Wᵀ · dY folded back with col2im (tiles of 4 rows × 3 vectors of 8, 4 × 3 of 16 with 512-bit vectors).</summary>
public readonly struct ConvKernel1 : IConvShape
{
    public static int InChannels => 3;
    public static int OutChannels => 16;
    public static int InHeight => 12;
    public static int InWidth => 12;
    public static int OutHeight => 10;
    public static int OutWidth => 10;
    public static int KernelHeight => 3;
    public static int KernelWidth => 3;
    public static Activation Activation => Activation.ReLU;
    public static ConvForward Forward => ConvForward.ChannelLanes;
    public static int ForwardChannelVectors => 2;
    public static int ForwardPositions => 5;
    public static int ForwardWideChannelVectors => 1;
    public static int ForwardWidePositions => 10;
    public static bool ForwardWide => true;
    public static ConvWeightGradient WeightGradient => ConvWeightGradient.ChannelLanes;
    public static int WeightGradientChannelVectors => 2;
    public static int WeightGradientBlockRows => 10;
    public static int WeightGradientWideChannelVectors => 1;
    public static int WeightGradientWideBlockRows => 10;
    public static bool WeightGradientWide => true;
    public static ConvInputGradient InputGradient => ConvInputGradient.Columns;
    public static int InputGradientRowTile => 4;
    public static int InputGradientVectorTile => 3;
    public static int InputGradientWideVectorTile => 3;
    public static bool InputGradientWide => true;
}

// --------------------------------------------------------------------------------------------------------------
// conv1 · Conv2D · 16 filters 3×3, stride 1, padding 0, ReLU
// input 3×12×12 → output 16×10×10 · 448 parameters · 0.086 MFLOP per sample
// strategy: forward convolves a zero-bordered copy with output channels in vector lanes (tiles of 2 channel vectors of 8 × 5 positions, 1 of 16 × 10 with 512-bit vectors), bias and ReLU fused, then transposed back in 8×8 blocks; backward: dW reduced with output channels in vector lanes (2 channel vectors of 8 × 3 kernel columns, 1 of 16 with 512-bit vectors), dY transposed per sample, dx as Wᵀ · dY folded back with col2im (tiles of 4 rows × 3 vectors of 8, 4 × 3 of 16 with 512-bit vectors)
// --------------------------------------------------------------------------------------------------------------
internal static class Conv1
{
    /// <summary>Floats in one input sample (3×12×12).</summary>
    public const int InputLength = 432;
    /// <summary>Floats in one output sample (16×10×10).</summary>
    public const int OutputLength = 1600;
    public const int WeightOffset = 0, WeightCount = 432;
    public const int BiasOffset = 432, BiasCount = 16;

    /// <summary>y = act(W ⊛ x + b) for <paramref name="count"/> samples.</summary>
    public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
        Conv<Kernels.ConvKernel1>.Forward(parameters.Slice(WeightOffset, WeightCount), parameters.Slice(BiasOffset, BiasCount), input, output, count, Buffers(workspace));

    /// <summary>Inverts <see cref="Forward"/>: dZ = dY · act′, db += Σ dZ, dW += dZ ⋆ x, dx = dZ ⊛ rotated W. Empty parameterGradients: the layer is frozen.</summary>
    public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
        Conv<Kernels.ConvKernel1>.Backward(parameters.Slice(WeightOffset, WeightCount), input, output, outputGradient, inputGradient,
            parameterGradients.IsEmpty ? default : parameterGradients.Slice(WeightOffset, WeightCount), parameterGradients.IsEmpty ? default : parameterGradients.Slice(BiasOffset, BiasCount), count, Buffers(workspace));

    /// <summary>The workspace arrays of the layer's kernels.</summary>
    private static ConvBuffers Buffers(Workspace workspace) => new() { Columns = workspace.Conv1Columns, Padded = workspace.Conv1Padded, WeightsByChannel = workspace.Conv1WeightsByChannel, WeightsSource = workspace.Conv1WeightsSource, OutputByPosition = workspace.Conv1OutputByPosition, GradientByPosition = workspace.Conv1GradientByPosition, WeightGradientByChannel = workspace.Conv1WeightGradientByChannel };
}
