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
    public static ConvBuffers Buffers() => new() { Padded = new float[300], GradientByPosition = new float[512], WeightGradientByChannel = new float[216], PaddedGradient = new float[800], RotatedWeights = new float[216] };
}

// --------
// conv1 · Conv2D · 8 filters 3×3, stride 1, padding 1, no bias
// input 3×8×8 → output 8×8×8 · 216 parameters · 0.028 MFLOP per sample
// runs Kernels.ConvKernel1
// --------
internal static class Conv1
{
    public const int WeightOffset = 0, WeightCount = 216, BiasOffset = 216, BiasCount = 0;

    public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
        Conv<Kernels.ConvKernel1>.Forward(p.Slice(WeightOffset, WeightCount), default, x, y, n, in ws.Conv1Buffers);
    public static void ForwardFolded(ReadOnlySpan<float> folded, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
        Conv<Kernels.ConvKernel1>.Forward(folded.Slice(0, WeightCount), folded.Slice(WeightCount, 8), x, y, n, in ws.Conv1Buffers);
    public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
        Conv<Kernels.ConvKernel1>.Backward(p.Slice(WeightOffset, WeightCount), x, y, dy, dx, dp.IsEmpty ? default : dp.Slice(WeightOffset, WeightCount), default, n, in ws.Conv1Buffers);
}
