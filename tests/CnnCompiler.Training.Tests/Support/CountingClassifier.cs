namespace CnnCompiler.Training.Tests.Support;

/// <summary>
/// A hand-written, allocation-free stand-in for a generated network on 1×8×8 inputs and 3 classes: a sample's class is
/// the largest of its first three values, its loss is 1 / (1 + steps so far), and each training step hands the
/// optimizer a fixed gradient. It isolates the trainer's own allocations from a network's.
/// </summary>
internal sealed class CountingClassifier : IClassifier
{
    private static readonly int[] s_inputShape = [1, 8, 8];
    private readonly float[] _parameters = new float[4];
    private readonly float[] _gradients = [0.1f, -0.2f, 0.3f, -0.4f];
    private long _steps;

    public int InputLength => 64;
    public int OutputLength => 3;
    public int ParameterCount => _parameters.Length;
    public int StateCount => 0;
    public ReadOnlySpan<int> InputShape => s_inputShape;
    public Span<float> Parameters => _parameters;
    public ReadOnlySpan<float> Gradients => _gradients;
    public Span<float> State => Span<float>.Empty;
    public IReadOnlyList<TensorInfo> Tensors { get; } = [new("dense1.weight", "dense1", TensorStore.Parameters, 0, [4])];
    public IReadOnlyList<LayerInfo> LayerList { get; } = [new("dense1", "Dense", [3], 4, 0)];
    public int Threads { get; set; } = 1;

    public SeededRandom TrainingRandom { get; } = new(0);

    public void ComputeActivations(string layer, ReadOnlySpan<float> input, Span<float> activations) =>
        throw new ArgumentException($"CountingClassifier does not expose activations (asked for '{layer}').", nameof(layer));

    public void SetFrozen(string layer, bool frozen = true) =>
        throw new ArgumentException($"CountingClassifier has no layers to freeze (asked for '{layer}').", nameof(layer));

    public bool IsFrozen(string layer) => false;

    public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        for (int n = 0; n < outputs.Length / 3; n++) inputs.Slice(n * 64, 3).CopyTo(outputs.Slice(n * 3, 3));
    }

    public void PredictLogits(ReadOnlySpan<float> inputs, Span<float> logits) => Predict(inputs, logits);

    public string Summary() => "CountingClassifier";

    public int Classify(ReadOnlySpan<float> input)
    {
        int best = 0;
        for (int i = 1; i < 3; i++) if (input[i] > input[best]) best = i;
        return best;
    }

    public void Classify(ReadOnlySpan<float> inputs, Span<int> labels)
    {
        for (int n = 0; n < labels.Length; n++) labels[n] = Classify(inputs.Slice(n * 64, 64));
    }

    public float ComputeLoss(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels) => 1f / (1 + _steps);

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels) => ComputeLoss(inputs, labels);

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, Span<float> inputGradients) =>
        throw new NotSupportedException("CountingClassifier has no input gradient.");

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, Span<float> inputGradients, Span<float> logits) =>
        throw new NotSupportedException("CountingClassifier has no input gradient.");

    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, IOptimizer optimizer)
    {
        float loss = ComputeGradients(inputs, labels);
        optimizer.Step(_parameters, _gradients);
        _steps++;
        return loss;
    }
}
