namespace CnnCompiler;

/// <summary>
/// What every generated network offers, whatever its loss. Spans follow PyTorch's layouts: a batch of samples is
/// <c>N×C×…</c>, row-major, batch first.
/// </summary>
public interface INetwork
{
    /// <summary>Floats in one input sample (<c>C×…</c>).</summary>
    int InputLength { get; }

    /// <summary>Floats in one output sample (class probabilities or regression outputs).</summary>
    int OutputLength { get; }

    /// <summary>Trainable parameters, all layers in one buffer.</summary>
    int ParameterCount { get; }

    /// <summary>Non-trainable state values (BatchNorm running statistics), all layers in one buffer.</summary>
    int StateCount { get; }

    /// <summary>The input shape of one sample, channels first (for example 1, 28, 28).</summary>
    ReadOnlySpan<int> InputShape { get; }

    /// <summary>Every trainable parameter in one contiguous span, layer after layer, each in PyTorch's layout.</summary>
    Span<float> Parameters { get; }

    /// <summary>The gradient of the last gradient computation, laid out like <see cref="Parameters"/>.</summary>
    ReadOnlySpan<float> Gradients { get; }

    /// <summary>
    /// Non-trainable state, layer after layer: BatchNorm running mean, running variance and batches tracked. Empty for
    /// networks without such layers. Saved and loaded with the parameters.
    /// </summary>
    Span<float> State { get; }

    /// <summary>Every named tensor (parameters and state) with PyTorch's state_dict name and shape, in network order.</summary>
    IReadOnlyList<TensorInfo> Tensors { get; }

    /// <summary>Every layer in execution order, with its output shape, parameters and FLOPs.</summary>
    IReadOnlyList<LayerInfo> LayerList { get; }

    /// <summary>
    /// Runs inference on one sample and copies the output of the layer named <paramref name="layer"/> into
    /// <paramref name="activations"/> (that layer's <see cref="LayerInfo.OutputLength"/> floats): feature maps for inspection.
    /// </summary>
    void ComputeActivations(string layer, ReadOnlySpan<float> input, Span<float> activations);

    /// <summary>Freezes (or unfreezes) a layer, or every part of a composite layer: training leaves its parameters unchanged.</summary>
    void SetFrozen(string layer, bool frozen = true);

    /// <summary>Whether every parameter layer with that name (or inside it) is frozen.</summary>
    bool IsFrozen(string layer);

    /// <summary>
    /// The generator behind training-time randomness (dropout masks), seeded by the constructor's seed; checkpoints
    /// save and restore its state so that a resumed run repeats exactly.
    /// </summary>
    SeededRandom TrainingRandom { get; }

    /// <summary>Threads that share a training step's samples. The same seed and thread count give bitwise-identical training.</summary>
    int Threads { get; set; }

    /// <summary>
    /// Runs inference on one or more samples: <paramref name="outputs"/> receives <see cref="OutputLength"/> floats per
    /// sample, the loss's view of the raw outputs (softmax or sigmoid probabilities, or the raw outputs of a regression).
    /// Safe to call from many threads at once; allocates nothing in steady state.
    /// </summary>
    void Predict(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>
    /// Runs inference on one or more samples: <paramref name="logits"/> receives the last layer's raw outputs
    /// (<see cref="OutputLength"/> floats per sample, before any softmax or sigmoid), as a PyTorch module's forward returns
    /// them: for distillation, calibration, custom losses or comparing with PyTorch. Thread-safe and allocation-free like
    /// <see cref="Predict"/>.
    /// </summary>
    void PredictLogits(ReadOnlySpan<float> inputs, Span<float> logits);

    /// <summary>
    /// What <see cref="Predict"/> applies to the raw outputs, as the loss fixes it: softmax (softmax cross-entropy),
    /// sigmoid (binary cross-entropy) or nothing (mean squared error). Generated networks state it; a network written
    /// by hand whose Predict returns its raw outputs can keep this default.
    /// </summary>
    OutputFunction OutputFunction => OutputFunction.Identity;

    /// <summary>A Keras-style table of the layers with output shapes, parameter counts and FLOPs (the generated class also has it as a static method).</summary>
    string Summary();
}
