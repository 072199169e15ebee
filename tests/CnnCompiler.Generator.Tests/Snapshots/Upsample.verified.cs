// [Network(2, 3, 4)]
// [Upsample2D(2)]
// [Conv2D(3, 3, Padding = Padding.Same)]
// [Upsample2D(3, 2, Mode = UpsampleMode.Linear)]
// [Flatten]
// [Dense(3)]
// [SoftmaxCrossEntropy]
// public partial class UpsampleNet;

        /// <summary>up1: per channel (2): each value copied to its 2×2 block (rows widened with vectors, then copied); backward sums each block.</summary>
        public readonly struct UpsampleKernel1 : IUpsampleShape
        {
            public static int Channels => 2;
            public static int InDepth => 1;
            public static int InHeight => 3;
            public static int InWidth => 4;
            public static int ScaleDepth => 1;
            public static int ScaleHeight => 2;
            public static int ScaleWidth => 2;
            public static bool Linear => false;
        }

        /// <summary>up2: per channel (3): each output the interpolation of its input neighbours at (o + 0.5) / scale − 0.5 (scale 3×2, align_corners=False); backward scatters with the same weights.</summary>
        public readonly struct UpsampleKernel2 : IUpsampleShape
        {
            public static int Channels => 3;
            public static int InDepth => 1;
            public static int InHeight => 6;
            public static int InWidth => 8;
            public static int ScaleDepth => 1;
            public static int ScaleHeight => 3;
            public static int ScaleWidth => 2;
            public static bool Linear => true;
        }

        // --------
        // Upsample2D · scale 2, nearest · input 2×3×4 → output 2×6×8 · runs Kernels.UpsampleKernel1
        // for the layer up1
        // --------
        internal static class UpsampleKernel1Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                Upsample<Kernels.UpsampleKernel1>.Forward(x, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                Upsample<Kernels.UpsampleKernel1>.Backward(dy, dx, n);
        }

        // --------
        // Upsample2D · scale 3×2, bilinear · input 3×6×8 → output 3×18×16 · runs Kernels.UpsampleKernel2
        // for the layer up2
        // --------
        internal static class UpsampleKernel2Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                Upsample<Kernels.UpsampleKernel2>.Forward(x, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                Upsample<Kernels.UpsampleKernel2>.Backward(dy, dx, n);
        }

// [Network(2, 5)]
// [Upsample1D(4, Mode = UpsampleMode.Linear)]
// [Conv1D(2, 3)]
// [Flatten]
// [Dense(3)]
// [SoftmaxCrossEntropy]
// public partial class UpsampleSignalNet;

        /// <summary>up1: per channel (2): each output the interpolation of its input neighbours at (o + 0.5) / scale − 0.5 (scale 4, align_corners=False); backward scatters with the same weights.</summary>
        public readonly struct UpsampleKernel1 : IUpsampleShape
        {
            public static int Channels => 2;
            public static int InDepth => 1;
            public static int InHeight => 1;
            public static int InWidth => 5;
            public static int ScaleDepth => 1;
            public static int ScaleHeight => 1;
            public static int ScaleWidth => 4;
            public static bool Linear => true;
        }

        // --------
        // Upsample1D · scale 4, linear · input 2×5 → output 2×20 · runs Kernels.UpsampleKernel1
        // for the layer up1
        // --------
        internal static class UpsampleKernel1Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                Upsample<Kernels.UpsampleKernel1>.Forward(x, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                Upsample<Kernels.UpsampleKernel1>.Backward(dy, dx, n);
        }

// [Network(1, 2, 2, 3)]
// [Upsample3D(2)]
// [Flatten]
// [Dense(3)]
// [SoftmaxCrossEntropy]
// public partial class UpsampleVolumeNet;

        /// <summary>up1: per channel (1): each value copied to its 2×2×2 block (rows widened with vectors, then copied); backward sums each block.</summary>
        public readonly struct UpsampleKernel1 : IUpsampleShape
        {
            public static int Channels => 1;
            public static int InDepth => 2;
            public static int InHeight => 2;
            public static int InWidth => 3;
            public static int ScaleDepth => 2;
            public static int ScaleHeight => 2;
            public static int ScaleWidth => 2;
            public static bool Linear => false;
        }

        // --------
        // Upsample3D · scale 2, nearest · input 1×2×2×3 → output 1×4×4×6 · runs Kernels.UpsampleKernel1
        // for the layer up1
        // --------
        internal static class UpsampleKernel1Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                Upsample<Kernels.UpsampleKernel1>.Forward(x, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                Upsample<Kernels.UpsampleKernel1>.Backward(dy, dx, n);
        }
