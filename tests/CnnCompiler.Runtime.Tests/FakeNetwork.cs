namespace CnnCompiler.Runtime.Tests;

/// <summary>
/// A stand-in for a generated network: a sample is <c>classCount</c> scores, its class is the highest score,
/// and its loss is its first score, so expected accuracies and losses can be worked out by hand.
/// </summary>
internal sealed class FakeNetwork(int classCount) : IClassifier
{
    private readonly int[] _inputShape = [classCount];

    public List<int> BatchSizesSeen { get; } = [];

    public int InputLength => classCount;
    public int OutputLength => classCount;
    public int ParameterCount => 0;
    public int StateCount => 0;
    public ReadOnlySpan<int> InputShape => _inputShape;
    public Span<float> Parameters => Span<float>.Empty;
    public ReadOnlySpan<float> Gradients => ReadOnlySpan<float>.Empty;
    public int Threads { get; set; } = 1;

    public SeededRandom TrainingRandom { get; } = new(0);
    public Span<float> State => Span<float>.Empty;
    public IReadOnlyList<TensorInfo> Tensors => [];
    public IReadOnlyList<LayerInfo> LayerList => [];
    public void SetFrozen(string layer, bool frozen = true) => throw new ArgumentException($"FakeNetwork has no layer named {layer}.", nameof(layer));
    public bool IsFrozen(string layer) => false;
    public void ComputeActivations(string layer, ReadOnlySpan<float> input, Span<float> activations) => throw new ArgumentException($"FakeNetwork has no layer named {layer}.", nameof(layer));

    public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs) => inputs.CopyTo(outputs);
    public void PredictLogits(ReadOnlySpan<float> inputs, Span<float> logits) => inputs.CopyTo(logits);
    public string Summary() => "FakeNetwork";

    public int Classify(ReadOnlySpan<float> input)
    {
        int best = 0;
        for (int i = 1; i < input.Length; i++) if (input[i] > input[best]) best = i;
        return best;
    }

    public void Classify(ReadOnlySpan<float> inputs, Span<int> labels)
    {
        BatchSizesSeen.Add(labels.Length);
        Assert.Equal(labels.Length * classCount, inputs.Length);
        for (int n = 0; n < labels.Length; n++) labels[n] = Classify(inputs.Slice(n * classCount, classCount));
    }

    public float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels)
    {
        BatchSizesSeen.Add(labels.Length);
        float sum = 0;
        for (int n = 0; n < labels.Length; n++) sum += inputs[n * classCount];
        return sum / labels.Length;
    }

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels) =>
        throw new NotSupportedException("Evaluation never trains.");

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, Span<float> inputGradients) =>
        throw new NotSupportedException("Evaluation never trains.");

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, Span<float> inputGradients, Span<float> logits) =>
        throw new NotSupportedException("Evaluation never trains.");

    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, IOptimizer optimizer) =>
        throw new NotSupportedException("Evaluation never trains.");
}
