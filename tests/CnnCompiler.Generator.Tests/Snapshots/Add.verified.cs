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

        // --------------------------------------------------------------------------------------------------------------
        // add1 · Add
        // input 4×6×6 → output 4×6×6 · 0 parameters · 0 FLOP per sample
        // strategy: x + skip, 144 values per sample, the gradient to both; the ReLU after it runs in its pass in training
        // --------------------------------------------------------------------------------------------------------------
        internal static class Add1
        {
            /// <summary>Floats in one input sample (4×6×6).</summary>
            public const int InputLength = 144;
            /// <summary>Floats in one output sample (4×6×6).</summary>
            public const int OutputLength = 144;

            public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> skip, Span<float> output, Workspace workspace, int count) =>
                ResidualAdd<Kernels.AddKernel1>.Forward(input, skip, output, count);

            /// <summary>Training: <paramref name="output"/> is the output of the ReLU after this layer, written in its pass.</summary>
            public static void ForwardReLU(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> skip, Span<float> output, Workspace workspace, int count) =>
                ResidualAdd<Kernels.AddKernel1>.ForwardReLU(input, skip, output, count);

            /// <summary>Training: <paramref name="output"/> and <paramref name="outputGradient"/> are the fused ReLU's.</summary>
            public static void BackwardReLU(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> skipGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                ResidualAdd<Kernels.AddKernel1>.Backward(output, outputGradient, inputGradient, skipGradient, count);
        }

        // --------------------------------------------------------------------------------------------------------------
        // add2 · Add
        // input 8×3×3 → output 8×3×3 · 0 parameters · 0 FLOP per sample
        // strategy: x + skip, 72 values per sample, the gradient to both
        // --------------------------------------------------------------------------------------------------------------
        internal static class Add2
        {
            /// <summary>Floats in one input sample (8×3×3).</summary>
            public const int InputLength = 72;
            /// <summary>Floats in one output sample (8×3×3).</summary>
            public const int OutputLength = 72;

            public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> skip, Span<float> output, Workspace workspace, int count) =>
                ResidualAdd<Kernels.AddKernel2>.Forward(input, skip, output, count);

            public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> skipGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                ResidualAdd<Kernels.AddKernel2>.Backward(output, outputGradient, inputGradient, skipGradient, count);
        }
