/// <summary>conv1: forward as im2col into a 27×256 column matrix per sample, then GEMM W[2×27] · columns (tiles of 2 rows × 3 vectors of 8, 2 × 3 of 16 with 512-bit vectors); backward: dW = dY · columnsᵀ over the im2col columns (tiles of 2 × 4, 512-bit), dx as Wᵀ · dY folded back with col2im (tiles of 4 rows × 3 vectors of 8, 4 × 3 of 16 with 512-bit vectors).</summary>
public readonly struct ConvKernel1 : IConvShape
{
    public static int InChannels => 1;
    public static int OutChannels => 2;
    public static int InDepth => 4;
    public static int InHeight => 8;
    public static int InWidth => 8;
    public static int OutDepth => 4;
    public static int OutHeight => 8;
    public static int OutWidth => 8;
    public static int KernelDepth => 3;
    public static int KernelHeight => 3;
    public static int KernelWidth => 3;
    public static int PadDepth => 1;
    public static int PadHeight => 1;
    public static int PadWidth => 1;
    public static Activation Activation => Activation.ReLU;
    public static ConvForward Forward => ConvForward.Columns;
    public static int ForwardRowTile => 2;
    public static int ForwardVectorTile => 3;
    public static int ForwardWideVectorTile => 3;
    public static bool ForwardWide => true;
    public static ConvWeightGradient WeightGradient => ConvWeightGradient.Columns;
    public static int WeightGradientRowTile => 2;
    public static int WeightGradientColumnTile => 4;
    public static bool WeightGradientWide => true;
    public static ConvInputGradient InputGradient => ConvInputGradient.Columns;
    public static int InputGradientRowTile => 4;
    public static int InputGradientVectorTile => 3;
    public static int InputGradientWideVectorTile => 3;
    public static bool InputGradientWide => true;
}

// --------------------------------------------------------------------------------------------------------------
// conv1 · Conv3D · 2 filters 3×3×3, stride 1, padding 1, ReLU
// input 1×4×8×8 → output 2×4×8×8 · 56 parameters · 0.028 MFLOP per sample
// strategy: forward as im2col into a 27×256 column matrix per sample, then GEMM W[2×27] · columns (tiles of 2 rows × 3 vectors of 8, 2 × 3 of 16 with 512-bit vectors); backward: dW = dY · columnsᵀ over the im2col columns (tiles of 2 × 4, 512-bit), dx as Wᵀ · dY folded back with col2im (tiles of 4 rows × 3 vectors of 8, 4 × 3 of 16 with 512-bit vectors)
// --------------------------------------------------------------------------------------------------------------
internal static class Conv1
{
    /// <summary>Floats in one input sample (1×4×8×8).</summary>
    public const int InputLength = 256;
    /// <summary>Floats in one output sample (2×4×8×8).</summary>
    public const int OutputLength = 512;
    public const int WeightOffset = 0, WeightCount = 54;
    public const int BiasOffset = 54, BiasCount = 2;

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
