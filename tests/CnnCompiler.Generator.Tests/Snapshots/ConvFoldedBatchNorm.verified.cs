/// <summary>conv1: forward convolves a zero-bordered copy directly in tiles of 4 filters × 4 rows × 1 vector of 8 columns; backward: dW reduced with output channels in vector lanes (1 channel vector of 8 × 3 kernel columns), dY transposed per sample, dx as a direct convolution of the bordered dY with rotated weights in tiles of 3 filters × 4 rows × 1 vector of 8 columns.</summary>
public readonly struct ConvKernel1 : IConvShape
{
    public static int InChannels => 3;
    public static int OutChannels => 8;
    public static int InHeight => 8;
    public static int InWidth => 8;
    public static int OutHeight => 8;
    public static int OutWidth => 8;
    public static int KernelHeight => 3;
    public static int KernelWidth => 3;
    public static int PadHeight => 1;
    public static int PadWidth => 1;
    public static Activation Activation => Activation.None;
    public static ConvForward Forward => ConvForward.Direct;
    public static int ForwardFilters => 4;
    public static int ForwardRows => 4;
    public static int ForwardVectors => 1;
    public static ConvWeightGradient WeightGradient => ConvWeightGradient.ChannelLanes;
    public static int WeightGradientChannelVectors => 1;
    public static int WeightGradientBlockRows => 8;
    public static ConvInputGradient InputGradient => ConvInputGradient.Direct;
    public static int InputGradientFilters => 3;
    public static int InputGradientRows => 4;
    public static int InputGradientVectors => 1;
}

// --------------------------------------------------------------------------------------------------------------
// conv1 · Conv2D · 8 filters 3×3, stride 1, padding 1, no bias
// input 3×8×8 → output 8×8×8 · 216 parameters · 0.028 MFLOP per sample
// strategy: forward convolves a zero-bordered copy directly in tiles of 4 filters × 4 rows × 1 vector of 8 columns; backward: dW reduced with output channels in vector lanes (1 channel vector of 8 × 3 kernel columns), dY transposed per sample, dx as a direct convolution of the bordered dY with rotated weights in tiles of 3 filters × 4 rows × 1 vector of 8 columns
// --------------------------------------------------------------------------------------------------------------
internal static class Conv1
{
    /// <summary>Floats in one input sample (3×8×8).</summary>
    public const int InputLength = 192;
    /// <summary>Floats in one output sample (8×8×8).</summary>
    public const int OutputLength = 512;
    public const int WeightOffset = 0, WeightCount = 216;
    public const int BiasOffset = 216, BiasCount = 0;

    /// <summary>y = W ⊛ x + b for <paramref name="count"/> samples (training: the BatchNorm after it runs on its own).</summary>
    public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
        Conv<Kernels.ConvKernel1>.Forward(parameters.Slice(WeightOffset, WeightCount), default, input, output, count, Buffers(workspace));

    /// <summary>Inference with the next BatchNorm folded in: <paramref name="folded"/> holds W' (WeightCount) then b' (8).</summary>
    public static void ForwardFolded(ReadOnlySpan<float> folded, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
        Conv<Kernels.ConvKernel1>.Forward(folded.Slice(0, WeightCount), folded.Slice(WeightCount, 8), input, output, count, Buffers(workspace));

    /// <summary>Inverts <see cref="Forward"/>: dZ = dY · act′, db += Σ dZ, dW += dZ ⋆ x, dx = dZ ⊛ rotated W. Empty parameterGradients: the layer is frozen.</summary>
    public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
        Conv<Kernels.ConvKernel1>.Backward(parameters.Slice(WeightOffset, WeightCount), input, output, outputGradient, inputGradient,
            parameterGradients.IsEmpty ? default : parameterGradients.Slice(WeightOffset, WeightCount), default, count, Buffers(workspace));

    /// <summary>The workspace arrays of the layer's kernels.</summary>
    private static ConvBuffers Buffers(Workspace workspace) => new() { Padded = workspace.Conv1Padded, GradientByPosition = workspace.Conv1GradientByPosition, WeightGradientByChannel = workspace.Conv1WeightGradientByChannel, PaddedGradient = workspace.Conv1PaddedGradient, RotatedWeights = workspace.Conv1RotatedWeights };
}
