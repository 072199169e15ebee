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

    /// <summary>Forward and backward over a batch: fills <see cref="INetwork.Gradients"/> with the gradient of the mean loss and returns that loss.</summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    /// <summary>One optimization step: <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{int})"/>, then <paramref name="optimizer"/> updates <see cref="INetwork.Parameters"/>.</summary>
    float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, IOptimizer optimizer);
}
