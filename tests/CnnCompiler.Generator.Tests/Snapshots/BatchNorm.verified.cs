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

        // --------------------------------------------------------------------------------------------------------------
        // bn1 · BatchNorm
        // input 4×8×8 → output 4×8×8 · 8 parameters · 0 FLOP per sample
        // strategy: per channel (4 × 64): batch statistics shared by the workers, one multiply-add pass per plane; the ReLU after it runs in its passes in training
        // --------------------------------------------------------------------------------------------------------------
        internal static class Bn1
        {
            /// <summary>Floats in one input sample (4×8×8).</summary>
            public const int InputLength = 256;
            /// <summary>Floats in one output sample (4×8×8).</summary>
            public const int OutputLength = 256;
            public const int WeightOffset = 76, WeightCount = 4;
            public const int BiasOffset = 80, BiasCount = 4;
            public const int Channels = 4, StateOffset = 0;

            public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                BatchNorm<Kernels.BatchNormKernel1>.Forward(parameters.Slice(WeightOffset, 2 * Channels), input, output, workspace, StateOffset, workspace.Bn1PerChannel, workspace.Bn1Sums, count);

            /// <summary>Training: <paramref name="output"/> is the output of the ReLU after this layer, written in its pass.</summary>
            public static void ForwardReLU(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                BatchNorm<Kernels.BatchNormKernel1>.ForwardReLU(parameters.Slice(WeightOffset, 2 * Channels), input, output, workspace, StateOffset, workspace.Bn1PerChannel, workspace.Bn1Sums, count);

            /// <summary>Training: <paramref name="output"/> and <paramref name="outputGradient"/> are the fused ReLU's.</summary>
            public static void BackwardReLU(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                BatchNorm<Kernels.BatchNormKernel1>.Backward(parameters.Slice(WeightOffset, 2 * Channels), input, output, outputGradient, inputGradient,
                    parameterGradients.IsEmpty ? default : parameterGradients.Slice(WeightOffset, 2 * Channels), workspace, StateOffset, workspace.Bn1PerChannel, workspace.Bn1Sums, count);

            public static void Fold(ReadOnlySpan<float> parameters, ReadOnlySpan<float> state, int weightOffset, int weightCount, int biasOffset, int biasCount, Span<float> folded) =>
                BatchNorm<Kernels.BatchNormKernel1>.Fold(parameters.Slice(WeightOffset, 2 * Channels), state.Slice(StateOffset, 2 * Channels), parameters.Slice(weightOffset, weightCount), parameters.Slice(biasOffset, biasCount), folded);
        }

        // --------------------------------------------------------------------------------------------------------------
        // bn2 · BatchNorm
        // input 4×4×4 → output 4×4×4 · 8 parameters · 0 FLOP per sample
        // strategy: per channel (4 × 16): batch statistics shared by the workers, one multiply-add pass per plane
        // --------------------------------------------------------------------------------------------------------------
        internal static class Bn2
        {
            /// <summary>Floats in one input sample (4×4×4).</summary>
            public const int InputLength = 64;
            /// <summary>Floats in one output sample (4×4×4).</summary>
            public const int OutputLength = 64;
            public const int WeightOffset = 84, WeightCount = 4;
            public const int BiasOffset = 88, BiasCount = 4;
            public const int Channels = 4, StateOffset = 9;

            public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                BatchNorm<Kernels.BatchNormKernel2>.Forward(parameters.Slice(WeightOffset, 2 * Channels), input, output, workspace, StateOffset, workspace.Bn2PerChannel, workspace.Bn2Sums, count);

            public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                BatchNorm<Kernels.BatchNormKernel2>.Backward(parameters.Slice(WeightOffset, 2 * Channels), input, output, outputGradient, inputGradient,
                    parameterGradients.IsEmpty ? default : parameterGradients.Slice(WeightOffset, 2 * Channels), workspace, StateOffset, workspace.Bn2PerChannel, workspace.Bn2Sums, count);
        }

        // --------------------------------------------------------------------------------------------------------------
        // bn3 · BatchNorm
        // input 6 → output 6 · 12 parameters · 0 FLOP per sample
        // strategy: per channel (6 × 1): batch statistics shared by the workers, one multiply-add pass per plane
        // --------------------------------------------------------------------------------------------------------------
        internal static class Bn3
        {
            /// <summary>Floats in one input sample (6).</summary>
            public const int InputLength = 6;
            /// <summary>Floats in one output sample (6).</summary>
            public const int OutputLength = 6;
            public const int WeightOffset = 482, WeightCount = 6;
            public const int BiasOffset = 488, BiasCount = 6;
            public const int Channels = 6, StateOffset = 18;

            public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                BatchNorm<Kernels.BatchNormKernel3>.Forward(parameters.Slice(WeightOffset, 2 * Channels), input, output, workspace, StateOffset, workspace.Bn3PerChannel, workspace.Bn3Sums, count);

            public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                BatchNorm<Kernels.BatchNormKernel3>.Backward(parameters.Slice(WeightOffset, 2 * Channels), input, output, outputGradient, inputGradient,
                    parameterGradients.IsEmpty ? default : parameterGradients.Slice(WeightOffset, 2 * Channels), workspace, StateOffset, workspace.Bn3PerChannel, workspace.Bn3Sums, count);

            public static void Fold(ReadOnlySpan<float> parameters, ReadOnlySpan<float> state, int weightOffset, int weightCount, int biasOffset, int biasCount, Span<float> folded) =>
                BatchNorm<Kernels.BatchNormKernel3>.Fold(parameters.Slice(WeightOffset, 2 * Channels), state.Slice(StateOffset, 2 * Channels), parameters.Slice(weightOffset, weightCount), parameters.Slice(biasOffset, biasCount), folded);
        }
