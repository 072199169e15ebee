using System.ComponentModel;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// A loss as <see cref="Network{TDefinition, TLoss, TTarget}"/> uses it: the summed loss and its gradient over a batch
/// of raw outputs, what Predict makes of raw outputs, and how targets are checked. Implemented by the runtime's loss
/// structs; the generated network names one of them.
/// </summary>
/// <typeparam name="TTarget">Class labels (<see cref="int"/>) or float targets.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ILoss<TTarget> where TTarget : unmanaged
{
    /// <summary>Whether targets are class labels (the network is an <see cref="IClassifier"/>).</summary>
    static abstract bool IsClassifier { get; }

    /// <summary>Targets per sample: one label, or one target per output.</summary>
    static abstract int TargetsPerSample(int outputLength);

    /// <summary>The divisor that turns the summed loss into PyTorch's mean: samples, or every output element.</summary>
    static abstract int MeanDivisor(int count, int outputLength);

    /// <summary>The summed loss of the rows of <paramref name="outputs"/>; fills <paramref name="probabilities"/> where the loss has them.</summary>
    static abstract float Forward(ReadOnlySpan<float> outputs, ReadOnlySpan<TTarget> targets, Span<float> probabilities, int outputLength);

    /// <summary>The gradient of the loss times <paramref name="scale"/> with respect to the raw outputs.</summary>
    static abstract void Backward(ReadOnlySpan<float> outputs, ReadOnlySpan<TTarget> targets, ReadOnlySpan<float> probabilities, Span<float> gradient, int outputLength, float scale);

    /// <summary>Predict's results from raw outputs: softmax or sigmoid probabilities, or the outputs themselves.</summary>
    static abstract void Predictions(ReadOnlySpan<float> outputs, Span<float> results, int outputLength);

    /// <summary>Throws unless <paramref name="targets"/> fits <paramref name="count"/> samples and every value is valid.</summary>
    static abstract void RequireTargets(ReadOnlySpan<TTarget> targets, int count, int outputLength, string network);
}
