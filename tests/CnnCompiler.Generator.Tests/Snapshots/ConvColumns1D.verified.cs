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
    public static ConvBuffers Buffers() => new() { Columns = new float[160] };
}

// --------
// conv1 · Conv1D · 4 filters 5, stride 2, padding 1+2 (same), ReLU
// input 2×32 → output 4×16 · 44 parameters · 1,280 FLOP per sample
// runs Kernels.ConvKernel1
// --------
internal static class Conv1
{
    public const int WeightOffset = 0, WeightCount = 40, BiasOffset = 40, BiasCount = 4;

    public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
        Conv<Kernels.ConvKernel1>.Forward(p.Slice(WeightOffset, WeightCount), p.Slice(BiasOffset, BiasCount), x, y, n, in ws.Conv1Buffers);
    public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
        Conv<Kernels.ConvKernel1>.Backward(p.Slice(WeightOffset, WeightCount), x, y, dy, dx, dp.IsEmpty ? default : dp.Slice(WeightOffset, WeightCount), dp.IsEmpty ? default : dp.Slice(BiasOffset, BiasCount), n, in ws.Conv1Buffers);
}
