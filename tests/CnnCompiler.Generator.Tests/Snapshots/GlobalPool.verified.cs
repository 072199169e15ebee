// [Network(3, 4, 4)]
// [Conv2D(4, 3, Padding = Padding.Same)]
// [GlobalMaxPool]
// [Dense(3)]
// [SoftmaxCrossEntropy]
// public partial class GlobalMaxNet;

        /// <summary>gmp1: per channel (4 × 16): the largest value of its plane, its index kept for backward.</summary>
        public readonly struct GlobalPoolKernel1 : IGlobalPoolShape
        {
            public static int Channels => 4;
            public static int Plane => 16;
            public static bool Maximum => true;
        }

        // --------
        // gmp1 · GlobalMaxPool
        // input 4×4×4 → output 4 · 0 parameters · 0 FLOP per sample
        // runs Kernels.GlobalPoolKernel1
        // --------
        internal static class Gmp1
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                GlobalPool<Kernels.GlobalPoolKernel1>.Forward(x, y, ws.Gmp1Argmax, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                GlobalPool<Kernels.GlobalPoolKernel1>.Backward(dy, dx, ws.Gmp1Argmax, n);
        }

// [Network(3, 4, 4)]
// [Conv2D(4, 3, Padding = Padding.Same)]
// [GlobalAveragePool]
// [Dense(3)]
// [SoftmaxCrossEntropy]
// public partial class GlobalAverageNet;

        /// <summary>gap1: per channel (4 × 16): the mean of its plane.</summary>
        public readonly struct GlobalPoolKernel1 : IGlobalPoolShape
        {
            public static int Channels => 4;
            public static int Plane => 16;
            public static bool Maximum => false;
        }

        // --------
        // GlobalAveragePool · input 4×4×4 → output 4 · runs Kernels.GlobalPoolKernel1
        // for the layer gap1
        // --------
        internal static class GlobalPoolKernel1Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                GlobalPool<Kernels.GlobalPoolKernel1>.Forward(x, y, default, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                GlobalPool<Kernels.GlobalPoolKernel1>.Backward(dy, dx, default, n);
        }
