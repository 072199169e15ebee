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
    public static ConvBuffers Buffers() => new() { Padded = new float[484], PaddedGradient = new float[1452], RotatedWeights = new float[108] };
}

// --------
// conv1 · Conv2D · 6 filters 3×3, stride 1, padding 1, ReLU
// input 2×9×20 → output 6×9×20 · 114 parameters · 0.039 MFLOP per sample
// runs Kernels.ConvKernel1
// --------
internal static class Conv1
{
    public const int WeightOffset = 0, WeightCount = 108, BiasOffset = 108, BiasCount = 6;

    public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
        Conv<Kernels.ConvKernel1>.Forward(p.Slice(WeightOffset, WeightCount), p.Slice(BiasOffset, BiasCount), x, y, n, in ws.Conv1Buffers);
    public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
        Conv<Kernels.ConvKernel1>.Backward(p.Slice(WeightOffset, WeightCount), x, y, dy, dx, dp.IsEmpty ? default : dp.Slice(WeightOffset, WeightCount), dp.IsEmpty ? default : dp.Slice(BiasOffset, BiasCount), n, in ws.Conv1Buffers);
}
