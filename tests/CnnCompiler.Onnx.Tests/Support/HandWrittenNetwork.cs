namespace CnnCompiler.OnnxTests.Support;

/// <summary>An INetwork written by hand around a layer table: what the exporter meets outside generated code.</summary>
public sealed class HandWrittenNetwork(params LayerInfo[] layers) : INetwork
{
    private readonly float[] _parameters = new float[layers.Sum(l => l.ParameterCount)];

    public int InputLength => 5;
    public int OutputLength => layers[^1].OutputLength;
    public int ParameterCount => _parameters.Length;
    public int StateCount => 0;
    public ReadOnlySpan<int> InputShape => new[] { 5 };
    public Span<float> Parameters => _parameters;
    public ReadOnlySpan<float> Gradients => _parameters;
    public Span<float> State => Span<float>.Empty;
    public IReadOnlyList<TensorInfo> Tensors => [];
    public IReadOnlyList<LayerInfo> LayerList => layers;
    public SeededRandom TrainingRandom { get; } = new(0);
    public int Threads { get; set; } = 1;
    public void ComputeActivations(string layer, ReadOnlySpan<float> input, Span<float> activations) => throw new NotSupportedException();
    public void SetFrozen(string layer, bool frozen = true) => throw new NotSupportedException();
    public bool IsFrozen(string layer) => false;
    public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs) => throw new NotSupportedException();
    public void PredictLogits(ReadOnlySpan<float> inputs, Span<float> logits) => throw new NotSupportedException();
    public string Summary() => "";
}
