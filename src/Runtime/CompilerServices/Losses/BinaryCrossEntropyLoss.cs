using System.ComponentModel;
using System.Globalization;
using System.Numerics.Tensors;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// Binary cross-entropy on logits over float targets in [0, 1], as <c>nn.BCEWithLogitsLoss</c> (mean over every output
/// element): Predict gives the sigmoid of each output.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct BinaryCrossEntropyLoss : ILoss<float>
{
    public static bool IsClassifier => false;

    public static int TargetsPerSample(int outputLength) => outputLength;

    public static int MeanDivisor(int count, int outputLength) => count * outputLength;

    public static float Forward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> probabilities, int outputLength) =>
        BinaryCrossEntropyKernels.Forward(outputs, targets, probabilities);

    public static void Backward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> probabilities, Span<float> gradient, int outputLength, float scale) =>
        BinaryCrossEntropyKernels.Backward(probabilities, targets, gradient, scale);

    public static void Predictions(ReadOnlySpan<float> outputs, Span<float> results, int outputLength) => TensorPrimitives.Sigmoid(outputs, results);

    public static void RequireTargets(ReadOnlySpan<float> targets, int count, int outputLength, string network)
    {
        if (targets.Length != count * outputLength)
        {
            Arguments.RequireLength(network, targets.Length, count * outputLength, "targets", string.Create(CultureInfo.InvariantCulture, $"{count} sample(s) × {outputLength} targets"));
        }
        for (int i = 0; i < targets.Length; i++)
        {
            if (!(targets[i] >= 0f && targets[i] <= 1f))
            {
                throw new ArgumentOutOfRangeException("targets", targets[i], string.Create(CultureInfo.InvariantCulture,
                    $"{network}: target {i} is {targets[i]}; binary cross-entropy targets are probabilities from 0 to 1."));
            }
        }
    }
}
