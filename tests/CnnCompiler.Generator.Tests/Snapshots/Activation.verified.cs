// [Network(1, 4, 4)]
// [Conv2D(2, 3, Padding = Padding.Same)]
// [ReLU]
// [LeakyReLU(0.2f)]
// [LeakyReLU]
// [ELU(0.7f)]
// [GELU]
// [Sigmoid]
// [Tanh]
// [ReLU6]
// [Hardswish]
// [Hardsigmoid]
// [SiLU]
// [Conv2D(2, 3, Padding = Padding.Same, Activation = Activation.Hardswish)]
// [Flatten]
// [SoftmaxCrossEntropy]
// public partial class ActivationNet;

        /// <summary>relu1: element-wise ReLU over the batch; its derivative from the output y.</summary>
        public readonly struct ActivationKernel1 : IActivationShape
        {
            public static int Length => 32;
            public static Activation Function => Activation.ReLU;
            public static float Alpha => 0f;
        }

        /// <summary>leakyrelu1: element-wise LeakyReLU (0.2) over the batch; its derivative from the input x.</summary>
        public readonly struct ActivationKernel2 : IActivationShape
        {
            public static int Length => 32;
            public static Activation Function => Activation.LeakyReLU;
            public static float Alpha => 0.2f;
        }

        /// <summary>leakyrelu2: element-wise LeakyReLU (0.01) over the batch; its derivative from the input x.</summary>
        public readonly struct ActivationKernel3 : IActivationShape
        {
            public static int Length => 32;
            public static Activation Function => Activation.LeakyReLU;
            public static float Alpha => 0.01f;
        }

        /// <summary>elu1: element-wise ELU (0.7) over the batch; its derivative from the output y.</summary>
        public readonly struct ActivationKernel4 : IActivationShape
        {
            public static int Length => 32;
            public static Activation Function => Activation.ELU;
            public static float Alpha => 0.7f;
        }

        /// <summary>gelu1: element-wise GELU over the batch; its derivative from the input x.</summary>
        public readonly struct ActivationKernel5 : IActivationShape
        {
            public static int Length => 32;
            public static Activation Function => Activation.GELU;
            public static float Alpha => 0f;
        }

        /// <summary>sigmoid1: element-wise Sigmoid over the batch; its derivative from the output y.</summary>
        public readonly struct ActivationKernel6 : IActivationShape
        {
            public static int Length => 32;
            public static Activation Function => Activation.Sigmoid;
            public static float Alpha => 0f;
        }

        /// <summary>tanh1: element-wise Tanh over the batch; its derivative from the output y.</summary>
        public readonly struct ActivationKernel7 : IActivationShape
        {
            public static int Length => 32;
            public static Activation Function => Activation.Tanh;
            public static float Alpha => 0f;
        }

        /// <summary>relu61: element-wise ReLU6 over the batch; its derivative from the output y.</summary>
        public readonly struct ActivationKernel8 : IActivationShape
        {
            public static int Length => 32;
            public static Activation Function => Activation.ReLU6;
            public static float Alpha => 0f;
        }

        /// <summary>hardswish1, conv2.hardswish: element-wise Hardswish over the batch; its derivative from the input x.</summary>
        public readonly struct ActivationKernel9 : IActivationShape
        {
            public static int Length => 32;
            public static Activation Function => Activation.Hardswish;
            public static float Alpha => 0f;
        }

        /// <summary>hardsigmoid1: element-wise Hardsigmoid over the batch; its derivative from the input x.</summary>
        public readonly struct ActivationKernel10 : IActivationShape
        {
            public static int Length => 32;
            public static Activation Function => Activation.Hardsigmoid;
            public static float Alpha => 0f;
        }

        /// <summary>silu1: element-wise SiLU over the batch; its derivative from the input x.</summary>
        public readonly struct ActivationKernel11 : IActivationShape
        {
            public static int Length => 32;
            public static Activation Function => Activation.SiLU;
            public static float Alpha => 0f;
        }

        /// <summary>flatten1: identity: a copy, so that the outputs and their gradient have buffers of their own.</summary>
        public readonly struct ActivationKernel12 : IActivationShape
        {
            public static int Length => 32;
            public static Activation Function => Activation.None;
            public static float Alpha => 0f;
        }

        // --------
        // ReLU · input 2×4×4 → output 2×4×4 · runs Kernels.ActivationKernel1
        // for the layer relu1
        // --------
        internal static class ActivationKernel1Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel1>.Forward(x, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel1>.Backward(x, y, dy, dx, n);
        }

        // --------
        // LeakyReLU · input 2×4×4 → output 2×4×4 · runs Kernels.ActivationKernel2
        // for the layer leakyrelu1
        // --------
        internal static class ActivationKernel2Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel2>.Forward(x, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel2>.Backward(x, y, dy, dx, n);
        }

        // --------
        // LeakyReLU · input 2×4×4 → output 2×4×4 · runs Kernels.ActivationKernel3
        // for the layer leakyrelu2
        // --------
        internal static class ActivationKernel3Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel3>.Forward(x, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel3>.Backward(x, y, dy, dx, n);
        }

        // --------
        // ELU · input 2×4×4 → output 2×4×4 · runs Kernels.ActivationKernel4
        // for the layer elu1
        // --------
        internal static class ActivationKernel4Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel4>.Forward(x, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel4>.Backward(x, y, dy, dx, n);
        }

        // --------
        // GELU · input 2×4×4 → output 2×4×4 · runs Kernels.ActivationKernel5
        // for the layer gelu1
        // --------
        internal static class ActivationKernel5Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel5>.Forward(x, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel5>.Backward(x, y, dy, dx, n);
        }

        // --------
        // Sigmoid · input 2×4×4 → output 2×4×4 · runs Kernels.ActivationKernel6
        // for the layer sigmoid1
        // --------
        internal static class ActivationKernel6Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel6>.Forward(x, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel6>.Backward(x, y, dy, dx, n);
        }

        // --------
        // Tanh · input 2×4×4 → output 2×4×4 · runs Kernels.ActivationKernel7
        // for the layer tanh1
        // --------
        internal static class ActivationKernel7Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel7>.Forward(x, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel7>.Backward(x, y, dy, dx, n);
        }

        // --------
        // ReLU6 · input 2×4×4 → output 2×4×4 · runs Kernels.ActivationKernel8
        // for the layer relu61
        // --------
        internal static class ActivationKernel8Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel8>.Forward(x, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel8>.Backward(x, y, dy, dx, n);
        }

        // --------
        // Hardswish · input 2×4×4 → output 2×4×4 · runs Kernels.ActivationKernel9
        // for the 2 layers hardswish1, conv2.hardswish
        // --------
        internal static class ActivationKernel9Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel9>.Forward(x, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel9>.Backward(x, y, dy, dx, n);
        }

        // --------
        // Hardsigmoid · input 2×4×4 → output 2×4×4 · runs Kernels.ActivationKernel10
        // for the layer hardsigmoid1
        // --------
        internal static class ActivationKernel10Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel10>.Forward(x, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel10>.Backward(x, y, dy, dx, n);
        }

        // --------
        // SiLU · input 2×4×4 → output 2×4×4 · runs Kernels.ActivationKernel11
        // for the layer silu1
        // --------
        internal static class ActivationKernel11Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel11>.Forward(x, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel11>.Backward(x, y, dy, dx, n);
        }

        // --------
        // Flatten · input 2×4×4 → output 32 · runs Kernels.ActivationKernel12
        // for the layer flatten1
        // --------
        internal static class ActivationKernel12Layers
        {
            public static void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel12>.Forward(x, y, n);
            public static void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> dy, Span<float> dx, Span<float> dp, Workspace ws, int n) =>
                ActivationLayer<Kernels.ActivationKernel12>.Backward(x, y, dy, dx, n);
        }
