namespace CnnCompiler;

/// <summary>
/// What every generated network offers to the runtime (optimizers, data loops, evaluation).
/// Spans follow PyTorch's layouts: a batch of samples is <c>N×C×…</c>, row-major, batch first.
/// </summary>
public interface INetwork
{
    /// <summary>Floats in one input sample (<c>C×…</c>).</summary>
    int InputLength { get; }

    /// <summary>Floats in one output sample (class probabilities or regression outputs).</summary>
    int OutputLength { get; }

    /// <summary>Trainable parameters, all layers in one buffer.</summary>
    int ParameterCount { get; }

    /// <summary>The input shape of one sample, channels first (for example 1, 28, 28).</summary>
    ReadOnlySpan<int> InputShape { get; }

    /// <summary>Every trainable parameter in one contiguous span, layer after layer, each in PyTorch's layout.</summary>
    Span<float> Parameters { get; }

    /// <summary>The gradient of the last <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{int})"/>, laid out like <see cref="Parameters"/>.</summary>
    ReadOnlySpan<float> Gradients { get; }

    /// <summary>Runs inference on one or more samples: <paramref name="outputs"/> holds <see cref="OutputLength"/> floats per sample.</summary>
    void Predict(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>The most probable class of one sample.</summary>
    int Classify(ReadOnlySpan<float> input);

    /// <summary>The most probable class of each sample in a batch.</summary>
    void Classify(ReadOnlySpan<float> inputs, Span<int> labels);

    /// <summary>The mean loss of a batch, without touching gradients.</summary>
    float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    /// <summary>Forward and backward over a batch: fills <see cref="Gradients"/> with the gradient of the mean loss and returns that loss.</summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    /// <summary>One optimization step: <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{int})"/>, then <paramref name="optimizer"/> updates <see cref="Parameters"/>.</summary>
    float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, IOptimizer optimizer);
}
