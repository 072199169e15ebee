// [Network(2, 3, 3)]
// [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
// [Dropout(0.5f)]
// [Flatten]
// [Dense(8, Activation = Activation.ReLU)]
// [Dropout(0.2f)]
// [Dense(3)]
// [SoftmaxCrossEntropy]
// public partial class DropoutNet;

        /// <summary>dropout1: inverted dropout with rate 0.5 over 36 values per sample, masks from the step's seed and each sample's place in the batch; a copy at inference.</summary>
        public readonly struct DropoutKernel1 : IDropoutShape
        {
            public static int Length => 36;
            public static float Rate => 0.5f;
        }

        /// <summary>dropout2: inverted dropout with rate 0.2 over 8 values per sample, masks from the step's seed and each sample's place in the batch; a copy at inference.</summary>
        public readonly struct DropoutKernel2 : IDropoutShape
        {
            public static int Length => 8;
            public static float Rate => 0.2f;
        }

        // --------
        // dropout1 · Dropout
        // input 4×3×3 → output 4×3×3 · 0 parameters · 0 FLOP per sample
        // runs Kernels.DropoutKernel1
        // --------
        internal static class Dropout1
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                Dropout<Kernels.DropoutKernel1>.Forward(x, y, ws.Dropout1Mask, ws, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                Dropout<Kernels.DropoutKernel1>.Backward(dy, dx, ws.Dropout1Mask, n);
        }

        // --------
        // dropout2 · Dropout
        // input 8 → output 8 · 0 parameters · 0 FLOP per sample
        // runs Kernels.DropoutKernel2
        // --------
        internal static class Dropout2
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                Dropout<Kernels.DropoutKernel2>.Forward(x, y, ws.Dropout2Mask, ws, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                Dropout<Kernels.DropoutKernel2>.Backward(dy, dx, ws.Dropout2Mask, n);
        }
