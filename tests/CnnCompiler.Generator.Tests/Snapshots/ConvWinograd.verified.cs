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
    public static ConvBuffers Buffers() => new() { Padded = new float[3200], GradientByPosition = new float[2048], WeightGradientByChannel = new float[9216], RotatedWeights = new float[9216], WinogradWeights = new float[16384], WinogradTransformed = new float[49152], WinogradProducts = new float[49152], WinogradSource = new float[19200], WinogradGradientSource = new float[19200] };
}

// --------
// conv1 · Conv2D · 32 filters 3×3, stride 1, padding 1
// input 32×8×8 → output 32×8×8 · 9,248 parameters · 1.18 MFLOP per sample
// runs Kernels.ConvKernel1
// --------
internal static class Conv1
{
    public const int WeightOffset = 0, WeightCount = 9216, BiasOffset = 9216, BiasCount = 32;

    public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
        Conv<Kernels.ConvKernel1>.Forward(p.Slice(WeightOffset, WeightCount), p.Slice(BiasOffset, BiasCount), x, y, n, in ws.Conv1Buffers);
    public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
        Conv<Kernels.ConvKernel1>.Backward(p.Slice(WeightOffset, WeightCount), x, y, dy, dx, dp.IsEmpty ? default : dp.Slice(WeightOffset, WeightCount), dp.IsEmpty ? default : dp.Slice(BiasOffset, BiasCount), n, in ws.Conv1Buffers);
}
