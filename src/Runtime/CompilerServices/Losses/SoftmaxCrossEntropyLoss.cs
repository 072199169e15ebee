using System.ComponentModel;
using System.Globalization;

namespace CnnCompiler.CompilerServices;

/// <summary>Softmax cross-entropy over class labels, as <c>nn.CrossEntropyLoss</c>: Predict gives softmax probabilities.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SoftmaxCrossEntropyLoss : ILoss<int>
{
    public static bool IsClassifier => true;

    public static int TargetsPerSample(int outputLength) => 1;

    public static int MeanDivisor(int count, int outputLength) => count;

    public static float Forward(ReadOnlySpan<float> outputs, ReadOnlySpan<int> targets, Span<float> probabilities, int outputLength) =>
        SoftmaxCrossEntropyKernels.Forward(outputs, targets, probabilities, outputLength);

    public static void Backward(ReadOnlySpan<float> outputs, ReadOnlySpan<int> targets, ReadOnlySpan<float> probabilities, Span<float> gradient, int outputLength, float scale) =>
        SoftmaxCrossEntropyKernels.Backward(probabilities, targets, gradient, outputLength, scale);

    public static void Predictions(ReadOnlySpan<float> outputs, Span<float> results, int outputLength) =>
        SoftmaxCrossEntropyKernels.Forward(outputs, default, results, outputLength);

    public static void RequireTargets(ReadOnlySpan<int> targets, int count, int outputLength, string network)
    {
        if (targets.Length != count) Arguments.RequireLength(network, targets.Length, count, "labels", string.Create(CultureInfo.InvariantCulture, $"one label per sample ({count})"));
        for (int i = 0; i < targets.Length; i++)
        {
            if ((uint)targets[i] >= (uint)outputLength)
            {
                throw new ArgumentOutOfRangeException("labels", targets[i], string.Create(CultureInfo.InvariantCulture,
                    $"{network}: label {i} is {targets[i]}; labels must be class indices from 0 to {outputLength - 1}."));
            }
        }
    }
}
