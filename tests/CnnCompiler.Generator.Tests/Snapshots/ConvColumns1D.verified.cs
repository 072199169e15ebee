/// <summary>conv1: forward as im2col into a 10×16 column matrix per sample, then GEMM W[4×10] · columns (tiles of 4 rows × 2 vectors of 8, 4 × 1 of 16 with 512-bit vectors); backward: dW = dY · columnsᵀ over the im2col columns (tiles of 2 × 4), dx as Wᵀ · dY folded back with col2im (tiles of 4 rows × 2 vectors of 8, 4 × 1 of 16 with 512-bit vectors).</summary>
public readonly struct ConvKernel1 : IConvShape
{
    public static int InChannels => 2;
    public static int OutChannels => 4;
    public static int InWidth => 32;
    public static int OutWidth => 16;
    public static int KernelWidth => 5;
    public static int StrideWidth => 2;
    public static int PadWidth => 1;
    public static Activation Activation => Activation.ReLU;
    public static ConvForward Forward => ConvForward.Columns;
    public static int ForwardRowTile => 4;
    public static int ForwardVectorTile => 2;
    public static int ForwardWideVectorTile => 1;
    public static bool ForwardWide => true;
    public static ConvWeightGradient WeightGradient => ConvWeightGradient.Columns;
    public static int WeightGradientRowTile => 2;
    public static int WeightGradientColumnTile => 4;
    public static bool WeightGradientWide => false;
    public static ConvInputGradient InputGradient => ConvInputGradient.Columns;
    public static int InputGradientRowTile => 4;
    public static int InputGradientVectorTile => 2;
    public static int InputGradientWideVectorTile => 1;
    public static bool InputGradientWide => true;
}

// --------------------------------------------------------------------------------------------------------------
// conv1 · Conv1D · 4 filters 5, stride 2, padding 1+2 (same), ReLU
// input 2×32 → output 4×16 · 44 parameters · 1,280 FLOP per sample
// strategy: forward as im2col into a 10×16 column matrix per sample, then GEMM W[4×10] · columns (tiles of 4 rows × 2 vectors of 8, 4 × 1 of 16 with 512-bit vectors); backward: dW = dY · columnsᵀ over the im2col columns (tiles of 2 × 4), dx as Wᵀ · dY folded back with col2im (tiles of 4 rows × 2 vectors of 8, 4 × 1 of 16 with 512-bit vectors)
// --------------------------------------------------------------------------------------------------------------
internal static class Conv1
{
    /// <summary>Floats in one input sample (2×32).</summary>
    public const int InputLength = 64;
    /// <summary>Floats in one output sample (4×16).</summary>
    public const int OutputLength = 64;
    public const int WeightOffset = 0, WeightCount = 40;
    public const int BiasOffset = 40, BiasCount = 4;

    /// <summary>y = act(W ⊛ x + b) for <paramref name="count"/> samples.</summary>
    public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
        Conv<Kernels.ConvKernel1>.Forward(parameters.Slice(WeightOffset, WeightCount), parameters.Slice(BiasOffset, BiasCount), input, output, count, Buffers(workspace));

    /// <summary>Inverts <see cref="Forward"/>: dZ = dY · act′, db += Σ dZ, dW += dZ ⋆ x, dx = dZ ⊛ rotated W. Empty parameterGradients: the layer is frozen.</summary>
    public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
        Conv<Kernels.ConvKernel1>.Backward(parameters.Slice(WeightOffset, WeightCount), input, output, outputGradient, inputGradient,
            parameterGradients.IsEmpty ? default : parameterGradients.Slice(WeightOffset, WeightCount), parameterGradients.IsEmpty ? default : parameterGradients.Slice(BiasOffset, BiasCount), count, Buffers(workspace));

    /// <summary>The workspace arrays of the layer's kernels.</summary>
    private static ConvBuffers Buffers(Workspace workspace) => new() { Columns = workspace.Conv1Columns };
}
