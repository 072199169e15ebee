// [Network(1, 4, 4)]
// [Conv2D(2, 3, Padding = Padding.Same)]
// [ReLU]
// [LeakyReLU(0.2f)]
// [LeakyReLU]
// [ELU(0.7f)]
// [GELU]
// [Sigmoid]
// [Tanh]
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

        /// <summary>flatten1: identity: a copy, so that the outputs and their gradient have buffers of their own.</summary>
        public readonly struct ActivationKernel8 : IActivationShape
        {
            public static int Length => 32;
            public static Activation Function => Activation.None;
            public static float Alpha => 0f;
        }

        // --------------------------------------------------------------------------------------------------------------
        // relu1 · ReLU
        // input 2×4×4 → output 2×4×4 · 0 parameters · 0 FLOP per sample
        // strategy: element-wise ReLU over the batch; its derivative from the output y
        // --------------------------------------------------------------------------------------------------------------
        internal static class Relu1
        {
            /// <summary>Floats in one input sample (2×4×4).</summary>
            public const int InputLength = 32;
            /// <summary>Floats in one output sample (2×4×4).</summary>
            public const int OutputLength = 32;

            public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                ActivationLayer<Kernels.ActivationKernel1>.Forward(input, output, count);

            public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                ActivationLayer<Kernels.ActivationKernel1>.Backward(input, output, outputGradient, inputGradient, count);
        }

        // --------------------------------------------------------------------------------------------------------------
        // leakyrelu1 · LeakyReLU
        // input 2×4×4 → output 2×4×4 · 0 parameters · 0 FLOP per sample
        // strategy: element-wise LeakyReLU (0.2) over the batch; its derivative from the input x
        // --------------------------------------------------------------------------------------------------------------
        internal static class Leakyrelu1
        {
            /// <summary>Floats in one input sample (2×4×4).</summary>
            public const int InputLength = 32;
            /// <summary>Floats in one output sample (2×4×4).</summary>
            public const int OutputLength = 32;

            public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                ActivationLayer<Kernels.ActivationKernel2>.Forward(input, output, count);

            public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                ActivationLayer<Kernels.ActivationKernel2>.Backward(input, output, outputGradient, inputGradient, count);
        }

        // --------------------------------------------------------------------------------------------------------------
        // leakyrelu2 · LeakyReLU
        // input 2×4×4 → output 2×4×4 · 0 parameters · 0 FLOP per sample
        // strategy: element-wise LeakyReLU (0.01) over the batch; its derivative from the input x
        // --------------------------------------------------------------------------------------------------------------
        internal static class Leakyrelu2
        {
            /// <summary>Floats in one input sample (2×4×4).</summary>
            public const int InputLength = 32;
            /// <summary>Floats in one output sample (2×4×4).</summary>
            public const int OutputLength = 32;

            public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                ActivationLayer<Kernels.ActivationKernel3>.Forward(input, output, count);

            public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                ActivationLayer<Kernels.ActivationKernel3>.Backward(input, output, outputGradient, inputGradient, count);
        }

        // --------------------------------------------------------------------------------------------------------------
        // elu1 · ELU
        // input 2×4×4 → output 2×4×4 · 0 parameters · 0 FLOP per sample
        // strategy: element-wise ELU (0.7) over the batch; its derivative from the output y
        // --------------------------------------------------------------------------------------------------------------
        internal static class Elu1
        {
            /// <summary>Floats in one input sample (2×4×4).</summary>
            public const int InputLength = 32;
            /// <summary>Floats in one output sample (2×4×4).</summary>
            public const int OutputLength = 32;

            public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                ActivationLayer<Kernels.ActivationKernel4>.Forward(input, output, count);

            public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                ActivationLayer<Kernels.ActivationKernel4>.Backward(input, output, outputGradient, inputGradient, count);
        }

        // --------------------------------------------------------------------------------------------------------------
        // gelu1 · GELU
        // input 2×4×4 → output 2×4×4 · 0 parameters · 0 FLOP per sample
        // strategy: element-wise GELU over the batch; its derivative from the input x
        // --------------------------------------------------------------------------------------------------------------
        internal static class Gelu1
        {
            /// <summary>Floats in one input sample (2×4×4).</summary>
            public const int InputLength = 32;
            /// <summary>Floats in one output sample (2×4×4).</summary>
            public const int OutputLength = 32;

            public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                ActivationLayer<Kernels.ActivationKernel5>.Forward(input, output, count);

            public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                ActivationLayer<Kernels.ActivationKernel5>.Backward(input, output, outputGradient, inputGradient, count);
        }

        // --------------------------------------------------------------------------------------------------------------
        // sigmoid1 · Sigmoid
        // input 2×4×4 → output 2×4×4 · 0 parameters · 0 FLOP per sample
        // strategy: element-wise Sigmoid over the batch; its derivative from the output y
        // --------------------------------------------------------------------------------------------------------------
        internal static class Sigmoid1
        {
            /// <summary>Floats in one input sample (2×4×4).</summary>
            public const int InputLength = 32;
            /// <summary>Floats in one output sample (2×4×4).</summary>
            public const int OutputLength = 32;

            public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                ActivationLayer<Kernels.ActivationKernel6>.Forward(input, output, count);

            public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                ActivationLayer<Kernels.ActivationKernel6>.Backward(input, output, outputGradient, inputGradient, count);
        }

        // --------------------------------------------------------------------------------------------------------------
        // tanh1 · Tanh
        // input 2×4×4 → output 2×4×4 · 0 parameters · 0 FLOP per sample
        // strategy: element-wise Tanh over the batch; its derivative from the output y
        // --------------------------------------------------------------------------------------------------------------
        internal static class Tanh1
        {
            /// <summary>Floats in one input sample (2×4×4).</summary>
            public const int InputLength = 32;
            /// <summary>Floats in one output sample (2×4×4).</summary>
            public const int OutputLength = 32;

            public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                ActivationLayer<Kernels.ActivationKernel7>.Forward(input, output, count);

            public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                ActivationLayer<Kernels.ActivationKernel7>.Backward(input, output, outputGradient, inputGradient, count);
        }

        // --------------------------------------------------------------------------------------------------------------
        // flatten1 · Flatten
        // input 2×4×4 → output 32 · 0 parameters · 0 FLOP per sample
        // strategy: identity: a copy, so that the outputs and their gradient have buffers of their own
        // --------------------------------------------------------------------------------------------------------------
        internal static class Flatten1
        {
            /// <summary>Floats in one input sample (2×4×4).</summary>
            public const int InputLength = 32;
            /// <summary>Floats in one output sample (32).</summary>
            public const int OutputLength = 32;

            public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                ActivationLayer<Kernels.ActivationKernel8>.Forward(input, output, count);

            public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                ActivationLayer<Kernels.ActivationKernel8>.Backward(input, output, outputGradient, inputGradient, count);
        }
