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

        // --------------------------------------------------------------------------------------------------------------
        // dropout1 · Dropout
        // input 4×3×3 → output 4×3×3 · 0 parameters · 0 FLOP per sample
        // strategy: inverted dropout with rate 0.5 over 36 values per sample, masks from the step's seed and each sample's place in the batch; a copy at inference
        // --------------------------------------------------------------------------------------------------------------
        internal static class Dropout1
        {
            /// <summary>Floats in one input sample (4×3×3).</summary>
            public const int InputLength = 36;
            /// <summary>Floats in one output sample (4×3×3).</summary>
            public const int OutputLength = 36;

            public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                Dropout<Kernels.DropoutKernel1>.Forward(input, output, workspace.Dropout1Mask, workspace, count);

            public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                Dropout<Kernels.DropoutKernel1>.Backward(outputGradient, inputGradient, workspace.Dropout1Mask, count);
        }

        // --------------------------------------------------------------------------------------------------------------
        // dropout2 · Dropout
        // input 8 → output 8 · 0 parameters · 0 FLOP per sample
        // strategy: inverted dropout with rate 0.2 over 8 values per sample, masks from the step's seed and each sample's place in the batch; a copy at inference
        // --------------------------------------------------------------------------------------------------------------
        internal static class Dropout2
        {
            /// <summary>Floats in one input sample (8).</summary>
            public const int InputLength = 8;
            /// <summary>Floats in one output sample (8).</summary>
            public const int OutputLength = 8;

            public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                Dropout<Kernels.DropoutKernel2>.Forward(input, output, workspace.Dropout2Mask, workspace, count);

            public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                Dropout<Kernels.DropoutKernel2>.Backward(outputGradient, inputGradient, workspace.Dropout2Mask, count);
        }
