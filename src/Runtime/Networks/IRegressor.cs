namespace CnnCompiler;

/// <summary>
/// A network trained on float targets, one per output (mean squared error, or binary cross-entropy on independent
/// sigmoid outputs): <c>targets</c> holds N × <see cref="INetwork.OutputLength"/> values.
/// </summary>
public interface IRegressor : INetwork
{
    /// <summary>The mean loss of a batch, without touching gradients.</summary>
    float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>Forward and backward over a batch: fills <see cref="INetwork.Gradients"/> with the gradient of the mean loss and returns that loss.</summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>One optimization step: <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, then <paramref name="optimizer"/> updates <see cref="INetwork.Parameters"/>.</summary>
    float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, IOptimizer optimizer);
}
