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
    public static ConvBuffers Buffers() => new() { Columns = new float[2700], Padded = new float[432], WeightsByChannel = new float[432], WeightsSource = new float[432], OutputByPosition = new float[1600], GradientByPosition = new float[1600], WeightGradientByChannel = new float[432] };
}

// --------
// conv1 · Conv2D · 16 filters 3×3, stride 1, padding 0, ReLU
// input 3×12×12 → output 16×10×10 · 448 parameters · 0.086 MFLOP per sample
// runs Kernels.ConvKernel1
// --------
internal static class Conv1
{
    public const int WeightOffset = 0, WeightCount = 432, BiasOffset = 432, BiasCount = 16;

    public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
        Conv<Kernels.ConvKernel1>.Forward(p.Slice(WeightOffset, WeightCount), p.Slice(BiasOffset, BiasCount), x, y, n, in ws.Conv1Buffers);
    public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
        Conv<Kernels.ConvKernel1>.Backward(p.Slice(WeightOffset, WeightCount), x, y, dy, dx, dp.IsEmpty ? default : dp.Slice(WeightOffset, WeightCount), dp.IsEmpty ? default : dp.Slice(BiasOffset, BiasCount), n, in ws.Conv1Buffers);
}
