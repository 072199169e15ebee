namespace CnnCompiler;

/// <summary>A network trained on integer class labels (softmax cross-entropy): what optimizers, trainers and evaluation use.</summary>
public interface IClassifier : INetwork
{
    /// <summary>The most probable class of one sample.</summary>
    int Classify(ReadOnlySpan<float> input);

    /// <summary>The most probable class of each sample in a batch.</summary>
    void Classify(ReadOnlySpan<float> inputs, Span<int> labels);

    /// <summary>The mean loss of a batch, without touching gradients.</summary>
    float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    /// <summary>
    /// Forward and backward over a batch in training mode: fills <see cref="INetwork.Gradients"/> with the gradient of the
    /// mean loss and returns that loss. Training mode is PyTorch's <c>model.train()</c>: BatchNorm normalizes with the
    /// batch's statistics and updates its running statistics in <see cref="INetwork.State"/>, and Dropout drops.
    /// </summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    /// <summary>
    /// Like <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{int})"/>, and also writes the gradient of the
    /// mean loss with respect to every input value into <paramref name="inputGradients"/> (same layout as the inputs;
    /// empty to skip).
    /// </summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, Span<float> inputGradients);

    /// <summary>
    /// Like <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{int}, Span{float})"/>, and also hands back the
    /// raw outputs of this training-mode forward pass in <paramref name="logits"/> (N × <see cref="INetwork.OutputLength"/>;
    /// empty to skip): with BatchNorm they differ from <see cref="INetwork.PredictLogits"/>, which uses running statistics.
    /// </summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, Span<float> inputGradients, Span<float> logits);

    /// <summary>One optimization step: <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{int})"/>, then <paramref name="optimizer"/> updates <see cref="INetwork.Parameters"/>.</summary>
    float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, IOptimizer optimizer);
}
