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

            /// <summary>bn1: per channel (4 × 64), batch sums shared across workers, then one fused multiply-add pass per plane; in training the ReLU after it runs in the same passes (clamp forward, mask backward); running statistics in inference.</summary>
            public readonly struct BatchNormKernel1 : IBatchNormShape
            {
                public static int Channels => 4;
                public static int Plane => 64;
                public static double Momentum => 0.1;
                public static double Epsilon => 1E-05;
                public static bool FusesReLU => true;
            }

            /// <summary>bn2: per channel (4 × 16), batch sums shared across workers, then one fused multiply-add pass per plane; running statistics in inference.</summary>
            public readonly struct BatchNormKernel2 : IBatchNormShape
            {
                public static int Channels => 4;
                public static int Plane => 16;
                public static double Momentum => 0.2;
                public static double Epsilon => 0.001;
                public static bool FusesReLU => false;
            }

            /// <summary>bn3: per channel (6 × 1), batch sums shared across workers, then one fused multiply-add pass per plane; running statistics in inference.</summary>
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
            // strategy: per channel (4 × 64), batch sums shared across workers, then one fused multiply-add pass per plane; in training the ReLU after it runs in the same passes (clamp forward, mask backward); running statistics in inference
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

                /// <summary>y = γ · (x − mean) / √(var + ε) + β with batch statistics (training) or running statistics (inference).</summary>
                public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                    BatchNorm<Kernels.BatchNormKernel1>.Forward(parameters.Slice(WeightOffset, WeightCount), parameters.Slice(BiasOffset, BiasCount), input, output, workspace, StateOffset, workspace.Bn1PerChannel, workspace.Bn1Sums, count);

                /// <summary>Training with the ReLU after this layer fused in: <paramref name="output"/> is the ReLU's output, y = max(BatchNorm(x), 0).</summary>
                public static void ForwardReLU(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                    BatchNorm<Kernels.BatchNormKernel1>.ForwardReLU(parameters.Slice(WeightOffset, WeightCount), parameters.Slice(BiasOffset, BiasCount), input, output, workspace, StateOffset, workspace.Bn1PerChannel, workspace.Bn1Sums, count);

                /// <summary>Inverts <see cref="ForwardReLU"/> (training): <paramref name="output"/> and <paramref name="outputGradient"/> are the ReLU's, masked as the passes read them.</summary>
                public static void BackwardReLU(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                    BatchNorm<Kernels.BatchNormKernel1>.Backward(parameters.Slice(WeightOffset, WeightCount), input, output, outputGradient, inputGradient,
                        parameterGradients.IsEmpty ? default : parameterGradients.Slice(WeightOffset, WeightCount), parameterGradients.IsEmpty ? default : parameterGradients.Slice(BiasOffset, BiasCount), workspace, StateOffset, workspace.Bn1PerChannel, workspace.Bn1Sums, count);

                /// <summary>Inference: this layer folded into the weights and bias (empty: none) of the layer before it, W' then b' written to <paramref name="folded"/>.</summary>
                public static void Fold(ReadOnlySpan<float> parameters, ReadOnlySpan<float> state, int weightOffset, int weightCount, int biasOffset, int biasCount, Span<float> folded) =>
                    BatchNorm<Kernels.BatchNormKernel1>.Fold(parameters.Slice(WeightOffset, WeightCount), parameters.Slice(BiasOffset, BiasCount), state.Slice(StateOffset, 2 * Channels), parameters.Slice(weightOffset, weightCount), parameters.Slice(biasOffset, biasCount), folded);
            }

            // --------------------------------------------------------------------------------------------------------------
            // bn2 · BatchNorm
            // input 4×4×4 → output 4×4×4 · 8 parameters · 0 FLOP per sample
            // strategy: per channel (4 × 16), batch sums shared across workers, then one fused multiply-add pass per plane; running statistics in inference
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

                /// <summary>y = γ · (x − mean) / √(var + ε) + β with batch statistics (training) or running statistics (inference).</summary>
                public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                    BatchNorm<Kernels.BatchNormKernel2>.Forward(parameters.Slice(WeightOffset, WeightCount), parameters.Slice(BiasOffset, BiasCount), input, output, workspace, StateOffset, workspace.Bn2PerChannel, workspace.Bn2Sums, count);

                /// <summary>Inverts <see cref="Forward"/> (training): dγ = Σ dy·x̂, dβ = Σ dy, dx = γ·invStd·(dy − Σdy/M − x̂·Σ(dy·x̂)/M) over the batch's M values per channel.</summary>
                public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                    BatchNorm<Kernels.BatchNormKernel2>.Backward(parameters.Slice(WeightOffset, WeightCount), input, output, outputGradient, inputGradient,
                        parameterGradients.IsEmpty ? default : parameterGradients.Slice(WeightOffset, WeightCount), parameterGradients.IsEmpty ? default : parameterGradients.Slice(BiasOffset, BiasCount), workspace, StateOffset, workspace.Bn2PerChannel, workspace.Bn2Sums, count);
            }

            // --------------------------------------------------------------------------------------------------------------
            // bn3 · BatchNorm
            // input 6 → output 6 · 12 parameters · 0 FLOP per sample
            // strategy: per channel (6 × 1), batch sums shared across workers, then one fused multiply-add pass per plane; running statistics in inference
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

                /// <summary>y = γ · (x − mean) / √(var + ε) + β with batch statistics (training) or running statistics (inference).</summary>
                public static void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output, Workspace workspace, int count) =>
                    BatchNorm<Kernels.BatchNormKernel3>.Forward(parameters.Slice(WeightOffset, WeightCount), parameters.Slice(BiasOffset, BiasCount), input, output, workspace, StateOffset, workspace.Bn3PerChannel, workspace.Bn3Sums, count);

                /// <summary>Inverts <see cref="Forward"/> (training): dγ = Σ dy·x̂, dβ = Σ dy, dx = γ·invStd·(dy − Σdy/M − x̂·Σ(dy·x̂)/M) over the batch's M values per channel.</summary>
                public static void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient, Span<float> parameterGradients, Workspace workspace, int count) =>
                    BatchNorm<Kernels.BatchNormKernel3>.Backward(parameters.Slice(WeightOffset, WeightCount), input, output, outputGradient, inputGradient,
                        parameterGradients.IsEmpty ? default : parameterGradients.Slice(WeightOffset, WeightCount), parameterGradients.IsEmpty ? default : parameterGradients.Slice(BiasOffset, BiasCount), workspace, StateOffset, workspace.Bn3PerChannel, workspace.Bn3Sums, count);

                /// <summary>Inference: this layer folded into the weights and bias (empty: none) of the layer before it, W' then b' written to <paramref name="folded"/>.</summary>
                public static void Fold(ReadOnlySpan<float> parameters, ReadOnlySpan<float> state, int weightOffset, int weightCount, int biasOffset, int biasCount, Span<float> folded) =>
                    BatchNorm<Kernels.BatchNormKernel3>.Fold(parameters.Slice(WeightOffset, WeightCount), parameters.Slice(BiasOffset, BiasCount), state.Slice(StateOffset, 2 * Channels), parameters.Slice(weightOffset, weightCount), parameters.Slice(biasOffset, biasCount), folded);
            }
