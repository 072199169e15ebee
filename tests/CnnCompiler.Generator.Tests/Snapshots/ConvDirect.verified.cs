/// <summary>conv1: forward convolves a zero-bordered copy directly in tiles of 3 filters × 1 row × 3 vectors of 8 columns (3 filters × 2 rows × 2 vectors of 16 columns with 512-bit vectors), ReLU fused; backward: dW reduced from dY and the bordered copy in tiles of 3 filters × 3 kernel columns, vectors of 8 columns (16 with 512-bit vectors), dx as a direct convolution of the bordered dY with rotated weights in tiles of 2 filters × 1 row × 3 vectors of 8 columns (2 filters × 2 rows × 2 vectors of 16 columns with 512-bit vectors).</summary>
public readonly struct ConvKernel1 : IConvShape
{
    public static int InChannels => 2;
    public static int OutChannels => 6;
    public static int InHeight => 9;
    public static int InWidth => 20;
    public static int OutHeight => 9;
    public static int OutWidth => 20;
    public static int KernelHeight => 3;
    public static int KernelWidth => 3;
    public static int PadHeight => 1;
    public static int PadWidth => 1;
    public static Activation Activation => Activation.ReLU;
    public static ConvForward Forward => ConvForward.Direct;
    public static int ForwardFilters => 3;
    public static int ForwardRows => 1;
    public static int ForwardVectors => 3;
    public static int ForwardWideFilters => 3;
    public static int ForwardWideRows => 2;
    public static int ForwardWideVectors => 2;
    public static bool ForwardWide => true;
    public static ConvWeightGradient WeightGradient => ConvWeightGradient.Direct;
    public static int WeightGradientFilters => 3;
    public static bool WeightGradientWide => true;
    public static ConvInputGradient InputGradient => ConvInputGradient.Direct;
    public static int InputGradientFilters => 2;
    public static int InputGradientRows => 1;
    public static int InputGradientVectors => 3;
    public static int InputGradientWideFilters => 2;
    public static int InputGradientWideRows => 2;
    public static int InputGradientWideVectors => 2;
    public static bool InputGradientWide => true;
}

// --------------------------------------------------------------------------------------------------------------
// conv1 · Conv2D · 6 filters 3×3, stride 1, padding 1, ReLU
// input 2×9×20 → output 6×9×20 · 114 parameters · 0.039 MFLOP per sample
// strategy: forward convolves a zero-bordered copy directly in tiles of 3 filters × 1 row × 3 vectors of 8 columns (3 filters × 2 rows × 2 vectors of 16 columns with 512-bit vectors), ReLU fused; backward: dW reduced from dY and the bordered copy in tiles of 3 filters × 3 kernel columns, vectors of 8 columns (16 with 512-bit vectors), dx as a direct convolution of the bordered dY with rotated weights in tiles of 2 filters × 1 row × 3 vectors of 8 columns (2 filters × 2 rows × 2 vectors of 16 columns with 512-bit vectors)
// --------------------------------------------------------------------------------------------------------------
internal static class Conv1
{
    /// <summary>Floats in one input sample (2×9×20).</summary>
    public const int InputLength = 360;
    /// <summary>Floats in one output sample (6×9×20).</summary>
    public const int OutputLength = 1080;
    public const int WeightOffset = 0, WeightCount = 108;
    public const int BiasOffset = 108, BiasCount = 6;

    /// <summary>y = act(W ⊛ x + b) for <paramref name="count"/> samples.</summary>
    public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
        Conv<Kernels.ConvKernel1>.Forward(parameters.Slice(WeightOffset, WeightCount), parameters.Slice(BiasOffset, BiasCount), input, output, count, Buffers(workspace));

    /// <summary>Inverts <see cref="Forward"/>: dZ = dY · act′, db += Σ dZ, dW += dZ ⋆ x, dx = dZ ⊛ rotated W. Empty parameterGradients: the layer is frozen.</summary>
    public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
        Conv<Kernels.ConvKernel1>.Backward(parameters.Slice(WeightOffset, WeightCount), input, output, outputGradient, inputGradient,
            parameterGradients.IsEmpty ? default : parameterGradients.Slice(WeightOffset, WeightCount), parameterGradients.IsEmpty ? default : parameterGradients.Slice(BiasOffset, BiasCount), count, Buffers(workspace));

    /// <summary>The workspace arrays of the layer's kernels.</summary>
    private static ConvBuffers Buffers(Workspace workspace) => new() { Padded = workspace.Conv1Padded, PaddedGradient = workspace.Conv1PaddedGradient, RotatedWeights = workspace.Conv1RotatedWeights };
}
