// [Network(4, 6, 6)]
// [Conv2D(4, 3, Padding = Padding.Same, Name = "stem")]
// [ReLU(Name = "a")]
// [Conv2D(4, 3, Padding = Padding.Same)]
// [Add("a")]
// [ReLU(Name = "b")]
// [Conv2D(8, 3, Stride = 2, Padding = Padding.Same)]
// [Add("b", Projection = true)]
// [GlobalAveragePool]
// [Dense(3)]
// [SoftmaxCrossEntropy]
// public partial class AddNet;

        /// <summary>add1: x + skip, 144 values per sample, the gradient to both; the ReLU after it runs in its pass in training.</summary>
        public readonly struct AddKernel1 : IResidualAddShape
        {
            public static int Length => 144;
            public static bool FusesReLU => true;
        }

        /// <summary>add2: x + skip, 72 values per sample, the gradient to both.</summary>
        public readonly struct AddKernel2 : IResidualAddShape
        {
            public static int Length => 72;
            public static bool FusesReLU => false;
        }

        // --------
        // Add · input 4×6×6 → output 4×6×6 · runs Kernels.AddKernel1
        // for the layer add1
        // --------
        internal static class AddKernel1Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> skip, Span<float> y, Workspace ws, int n) =>
                ResidualAdd<Kernels.AddKernel1>.Forward(x, skip, y, n);
            public static void ForwardReLU(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> skip, Span<float> y, Workspace ws, int n) =>
                ResidualAdd<Kernels.AddKernel1>.ForwardReLU(x, skip, y, n);
            public static void BackwardReLU(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dskip, Span<float> dp, Workspace ws, int n) =>
                ResidualAdd<Kernels.AddKernel1>.Backward(y, dy, dx, dskip, n);
        }

        // --------
        // Add · input 8×3×3 → output 8×3×3 · runs Kernels.AddKernel2
        // for the layer add2
        // --------
        internal static class AddKernel2Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> skip, Span<float> y, Workspace ws, int n) =>
                ResidualAdd<Kernels.AddKernel2>.Forward(x, skip, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dskip, Span<float> dp, Workspace ws, int n) =>
                ResidualAdd<Kernels.AddKernel2>.Backward(y, dy, dx, dskip, n);
        }
