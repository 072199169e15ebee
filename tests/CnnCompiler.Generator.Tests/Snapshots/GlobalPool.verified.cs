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

        // --------------------------------------------------------------------------------------------------------------
        // gmp1 · GlobalMaxPool
        // input 4×4×4 → output 4 · 0 parameters · 0 FLOP per sample
        // strategy: per channel (4 × 16): the largest value of its plane, its index kept for backward
        // --------------------------------------------------------------------------------------------------------------
        internal static class Gmp1
        {
            /// <summary>Floats in one input sample (4×4×4).</summary>
            public const int InputLength = 64;
            /// <summary>Floats in one output sample (4).</summary>
            public const int OutputLength = 4;

            public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                GlobalPool<Kernels.GlobalPoolKernel1>.Forward(input, output, workspace.Gmp1Argmax, count);

            public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                GlobalPool<Kernels.GlobalPoolKernel1>.Backward(outputGradient, inputGradient, workspace.Gmp1Argmax, count);
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

        // --------------------------------------------------------------------------------------------------------------
        // gap1 · GlobalAveragePool
        // input 4×4×4 → output 4 · 0 parameters · 0 FLOP per sample
        // strategy: per channel (4 × 16): the mean of its plane
        // --------------------------------------------------------------------------------------------------------------
        internal static class Gap1
        {
            /// <summary>Floats in one input sample (4×4×4).</summary>
            public const int InputLength = 64;
            /// <summary>Floats in one output sample (4).</summary>
            public const int OutputLength = 4;

            public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                GlobalPool<Kernels.GlobalPoolKernel1>.Forward(input, output, default, count);

            public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                GlobalPool<Kernels.GlobalPoolKernel1>.Backward(outputGradient, inputGradient, default, count);
        }
