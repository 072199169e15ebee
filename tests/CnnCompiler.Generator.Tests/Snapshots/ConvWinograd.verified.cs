/// <summary>conv1: forward as Winograd F(2×2, 3×3), 16 tiles per sample in blocks of 6 samples, two rows of 4 tiles per transform vector, GEMM tiles of 4 filters × 4 vectors of 8 tiles (4 × 4 of 16 with 512-bit vectors); backward: dW reduced with output channels in vector lanes (4 channel vectors of 8 × 3 kernel columns, 2 of 16 with 512-bit vectors), dY transposed per sample, dx as Winograd F(2×2, 3×3), 16 tiles per sample in blocks of 6 samples, two rows of 4 tiles per transform vector, GEMM tiles of 4 filters × 4 vectors of 8 tiles (4 × 4 of 16 with 512-bit vectors) of the bordered dY with rotated weights.</summary>
public readonly struct ConvKernel1 : IConvShape
{
    public static int InChannels => 32;
    public static int OutChannels => 32;
    public static int InHeight => 8;
    public static int InWidth => 8;
    public static int OutHeight => 8;
    public static int OutWidth => 8;
    public static int KernelHeight => 3;
    public static int KernelWidth => 3;
    public static int PadHeight => 1;
    public static int PadWidth => 1;
    public static Activation Activation => Activation.None;
    public static ConvForward Forward => ConvForward.Winograd;
    public static int ForwardBlockSamples => 6;
    public static int ForwardBlockRows => 4;
    public static int ForwardTransformLanes => 4;
    public static bool ForwardPairedRows => true;
    public static int ForwardFilters => 4;
    public static int ForwardVectors => 4;
    public static int ForwardWideFilters => 4;
    public static int ForwardWideVectors => 4;
    public static bool ForwardWide => true;
    public static ConvWeightGradient WeightGradient => ConvWeightGradient.ChannelLanes;
    public static int WeightGradientChannelVectors => 4;
    public static int WeightGradientBlockRows => 8;
    public static int WeightGradientWideChannelVectors => 2;
    public static int WeightGradientWideBlockRows => 8;
    public static bool WeightGradientWide => true;
    public static ConvInputGradient InputGradient => ConvInputGradient.Winograd;
    public static int InputGradientBlockSamples => 6;
    public static int InputGradientBlockRows => 4;
    public static int InputGradientTransformLanes => 4;
    public static bool InputGradientPairedRows => true;
    public static int InputGradientFilters => 4;
    public static int InputGradientVectors => 4;
    public static int InputGradientWideFilters => 4;
    public static int InputGradientWideVectors => 4;
    public static bool InputGradientWide => true;
}

// --------------------------------------------------------------------------------------------------------------
// conv1 · Conv2D · 32 filters 3×3, stride 1, padding 1
// input 32×8×8 → output 32×8×8 · 9,248 parameters · 1.18 MFLOP per sample
// strategy: forward as Winograd F(2×2, 3×3), 16 tiles per sample in blocks of 6 samples, two rows of 4 tiles per transform vector, GEMM tiles of 4 filters × 4 vectors of 8 tiles (4 × 4 of 16 with 512-bit vectors); backward: dW reduced with output channels in vector lanes (4 channel vectors of 8 × 3 kernel columns, 2 of 16 with 512-bit vectors), dY transposed per sample, dx as Winograd F(2×2, 3×3), 16 tiles per sample in blocks of 6 samples, two rows of 4 tiles per transform vector, GEMM tiles of 4 filters × 4 vectors of 8 tiles (4 × 4 of 16 with 512-bit vectors) of the bordered dY with rotated weights
// --------------------------------------------------------------------------------------------------------------
internal static class Conv1
{
    /// <summary>Floats in one input sample (32×8×8).</summary>
    public const int InputLength = 2048;
    /// <summary>Floats in one output sample (32×8×8).</summary>
    public const int OutputLength = 2048;
    public const int WeightOffset = 0, WeightCount = 9216;
    public const int BiasOffset = 9216, BiasCount = 32;

    /// <summary>y = act(W ⊛ x + b) for <paramref name="count"/> samples.</summary>
    public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
        Conv<Kernels.ConvKernel1>.Forward(parameters.Slice(WeightOffset, WeightCount), parameters.Slice(BiasOffset, BiasCount), input, output, count, Buffers(workspace));

    /// <summary>Inverts <see cref="Forward"/>: dZ = dY · act′, db += Σ dZ, dW += dZ ⋆ x, dx = dZ ⊛ rotated W. Empty parameterGradients: the layer is frozen.</summary>
    public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
        Conv<Kernels.ConvKernel1>.Backward(parameters.Slice(WeightOffset, WeightCount), input, output, outputGradient, inputGradient,
            parameterGradients.IsEmpty ? default : parameterGradients.Slice(WeightOffset, WeightCount), parameterGradients.IsEmpty ? default : parameterGradients.Slice(BiasOffset, BiasCount), count, Buffers(workspace));

    /// <summary>The workspace arrays of the layer's kernels.</summary>
    private static ConvBuffers Buffers(Workspace workspace) => new() { Padded = workspace.Conv1Padded, GradientByPosition = workspace.Conv1GradientByPosition, WeightGradientByChannel = workspace.Conv1WeightGradientByChannel, RotatedWeights = workspace.Conv1RotatedWeights, WinogradWeights = workspace.Conv1WinogradWeights, WinogradTransformed = workspace.Conv1WinogradTransformed, WinogradProducts = workspace.Conv1WinogradProducts, WinogradSource = workspace.Conv1WinogradSource, WinogradGradientSource = workspace.Conv1WinogradGradientSource };
}
