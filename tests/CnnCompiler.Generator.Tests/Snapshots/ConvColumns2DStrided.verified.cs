/// <summary>conv1: forward as im2col into a 27×64 column matrix per sample, then GEMM W[8×27] · columns (tiles of 4 rows × 3 vectors of 8, 4 × 3 of 16 with 512-bit vectors); backward: dW = dY · columnsᵀ over the im2col columns (tiles of 2 × 4), dx as Wᵀ · dY folded back with col2im (tiles of 4 rows × 3 vectors of 8, 4 × 3 of 16 with 512-bit vectors).</summary>
public readonly struct ConvKernel1 : IConvShape
{
    public static int InChannels => 3;
    public static int OutChannels => 8;
    public static int InHeight => 16;
    public static int InWidth => 16;
    public static int OutHeight => 8;
    public static int OutWidth => 8;
    public static int KernelHeight => 3;
    public static int KernelWidth => 3;
    public static int StrideHeight => 2;
    public static int StrideWidth => 2;
    public static int PadHeight => 1;
    public static int PadWidth => 1;
    public static Activation Activation => Activation.None;
    public static ConvForward Forward => ConvForward.Columns;
    public static int ForwardRowTile => 4;
    public static int ForwardVectorTile => 3;
    public static int ForwardWideVectorTile => 3;
    public static bool ForwardWide => true;
    public static ConvWeightGradient WeightGradient => ConvWeightGradient.Columns;
    public static int WeightGradientRowTile => 2;
    public static int WeightGradientColumnTile => 4;
    public static bool WeightGradientWide => false;
    public static ConvInputGradient InputGradient => ConvInputGradient.Columns;
    public static int InputGradientRowTile => 4;
    public static int InputGradientVectorTile => 3;
    public static int InputGradientWideVectorTile => 3;
    public static bool InputGradientWide => true;
}

// --------------------------------------------------------------------------------------------------------------
// conv1 · Conv2D · 8 filters 3×3, stride 2, padding 1
// input 3×16×16 → output 8×8×8 · 224 parameters · 0.028 MFLOP per sample
// strategy: forward as im2col into a 27×64 column matrix per sample, then GEMM W[8×27] · columns (tiles of 4 rows × 3 vectors of 8, 4 × 3 of 16 with 512-bit vectors); backward: dW = dY · columnsᵀ over the im2col columns (tiles of 2 × 4), dx as Wᵀ · dY folded back with col2im (tiles of 4 rows × 3 vectors of 8, 4 × 3 of 16 with 512-bit vectors)
// --------------------------------------------------------------------------------------------------------------
internal static class Conv1
{
    /// <summary>Floats in one input sample (3×16×16).</summary>
    public const int InputLength = 768;
    /// <summary>Floats in one output sample (8×8×8).</summary>
    public const int OutputLength = 512;
    public const int WeightOffset = 0, WeightCount = 216;
    public const int BiasOffset = 216, BiasCount = 8;

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
