// [Network(2, 8, 8)]
// [Conv2D(4, 3, Padding = Padding.Same)]
// [BatchNorm]
// [ReLU]
// [MaxPool2D(2)]
// [BatchNorm(Momentum = 0.2f, Epsilon = 1e-3f)]
// [Flatten]
// [Dense(6)]
// [BatchNorm]
// [Dense(3)]
// [SoftmaxCrossEntropy]
// public partial class BatchNormNet;

        /// <summary>bn1: per channel (4 × 64): batch statistics shared by the workers, one multiply-add pass per plane; the ReLU after it runs in its passes in training.</summary>
        public readonly struct BatchNormKernel1 : IBatchNormShape
        {
            public static int Channels => 4;
            public static int Plane => 64;
            public static double Momentum => 0.1;
            public static double Epsilon => 1E-05;
            public static bool FusesReLU => true;
        }

        /// <summary>bn2: per channel (4 × 16): batch statistics shared by the workers, one multiply-add pass per plane.</summary>
        public readonly struct BatchNormKernel2 : IBatchNormShape
        {
            public static int Channels => 4;
            public static int Plane => 16;
            public static double Momentum => 0.2;
            public static double Epsilon => 0.001;
            public static bool FusesReLU => false;
        }

        /// <summary>bn3: per channel (6 × 1): batch statistics shared by the workers, one multiply-add pass per plane.</summary>
        public readonly struct BatchNormKernel3 : IBatchNormShape
        {
            public static int Channels => 6;
            public static int Plane => 1;
            public static double Momentum => 0.1;
            public static double Epsilon => 1E-05;
            public static bool FusesReLU => false;
        }

        // --------
        // bn1 · BatchNorm
        // input 4×8×8 → output 4×8×8 · 8 parameters · 0 FLOP per sample
        // runs Kernels.BatchNormKernel1
        // --------
        internal static class Bn1
        {
            public const int WeightOffset = 76, Channels = 4, StateOffset = 0;

            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                BatchNorm<Kernels.BatchNormKernel1>.Forward(p.Slice(WeightOffset, 2 * Channels), x, y, ws, StateOffset, ws.Bn1PerChannel, ws.Bn1Sums, n);
            public static void ForwardReLU(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                BatchNorm<Kernels.BatchNormKernel1>.ForwardReLU(p.Slice(WeightOffset, 2 * Channels), x, y, ws, StateOffset, ws.Bn1PerChannel, ws.Bn1Sums, n);
            public static void BackwardReLU(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                BatchNorm<Kernels.BatchNormKernel1>.Backward(p.Slice(WeightOffset, 2 * Channels), x, y, dy, dx, dp.IsEmpty ? default : dp.Slice(WeightOffset, 2 * Channels), ws, StateOffset, ws.Bn1PerChannel, ws.Bn1Sums, n);
            public static void Fold(ReadOnlySpan<float> p, ReadOnlySpan<float> state, int weightOffset, int weightCount, int biasOffset, int biasCount, Span<float> folded) =>
                BatchNorm<Kernels.BatchNormKernel1>.Fold(p.Slice(WeightOffset, 2 * Channels), state.Slice(StateOffset, 2 * Channels), p.Slice(weightOffset, weightCount), p.Slice(biasOffset, biasCount), folded);
        }

        // --------
        // bn2 · BatchNorm
        // input 4×4×4 → output 4×4×4 · 8 parameters · 0 FLOP per sample
        // runs Kernels.BatchNormKernel2
        // --------
        internal static class Bn2
        {
            public const int WeightOffset = 84, Channels = 4, StateOffset = 9;

            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                BatchNorm<Kernels.BatchNormKernel2>.Forward(p.Slice(WeightOffset, 2 * Channels), x, y, ws, StateOffset, ws.Bn2PerChannel, ws.Bn2Sums, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                BatchNorm<Kernels.BatchNormKernel2>.Backward(p.Slice(WeightOffset, 2 * Channels), x, y, dy, dx, dp.IsEmpty ? default : dp.Slice(WeightOffset, 2 * Channels), ws, StateOffset, ws.Bn2PerChannel, ws.Bn2Sums, n);
        }

        // --------
        // bn3 · BatchNorm
        // input 6 → output 6 · 12 parameters · 0 FLOP per sample
        // runs Kernels.BatchNormKernel3
        // --------
        internal static class Bn3
        {
            public const int WeightOffset = 482, Channels = 6, StateOffset = 18;

            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                BatchNorm<Kernels.BatchNormKernel3>.Forward(p.Slice(WeightOffset, 2 * Channels), x, y, ws, StateOffset, ws.Bn3PerChannel, ws.Bn3Sums, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                BatchNorm<Kernels.BatchNormKernel3>.Backward(p.Slice(WeightOffset, 2 * Channels), x, y, dy, dx, dp.IsEmpty ? default : dp.Slice(WeightOffset, 2 * Channels), ws, StateOffset, ws.Bn3PerChannel, ws.Bn3Sums, n);
            public static void Fold(ReadOnlySpan<float> p, ReadOnlySpan<float> state, int weightOffset, int weightCount, int biasOffset, int biasCount, Span<float> folded) =>
                BatchNorm<Kernels.BatchNormKernel3>.Fold(p.Slice(WeightOffset, 2 * Channels), state.Slice(StateOffset, 2 * Channels), p.Slice(weightOffset, weightCount), p.Slice(biasOffset, biasCount), folded);
        }
