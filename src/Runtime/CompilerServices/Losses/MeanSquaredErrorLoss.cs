using System.ComponentModel;
using System.Globalization;

namespace CnnCompiler.CompilerServices;

/// <summary>Mean squared error over float targets, as <c>nn.MSELoss</c> (mean over every output element): Predict gives the raw outputs.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct MeanSquaredErrorLoss : ILoss<float>
{
    public static bool IsClassifier => false;

    public static int TargetsPerSample(int outputLength) => outputLength;

    public static int MeanDivisor(int count, int outputLength) => count * outputLength;

    public static float Forward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> probabilities, int outputLength) =>
        MeanSquaredErrorKernels.Forward(outputs, targets);

    public static void Backward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> probabilities, Span<float> gradient, int outputLength, float scale) =>
        MeanSquaredErrorKernels.Backward(outputs, targets, gradient, scale);

    public static void Predictions(ReadOnlySpan<float> outputs, Span<float> results, int outputLength) => outputs.CopyTo(results);

    public static void RequireTargets(ReadOnlySpan<float> targets, int count, int outputLength, string network)
    {
        if (targets.Length != count * outputLength)
        {
            Arguments.RequireLength(network, targets.Length, count * outputLength, "targets", string.Create(CultureInfo.InvariantCulture, $"{count} sample(s) × {outputLength} targets"));
        }
    }
}
