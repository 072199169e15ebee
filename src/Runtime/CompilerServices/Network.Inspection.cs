using System.Diagnostics;

namespace CnnCompiler.CompilerServices;

public sealed partial class Network<TDefinition, TLoss, TTarget>
{
    /// <summary>
    /// Runs inference on one sample and copies the output of the layer named <paramref name="layer"/> into
    /// <paramref name="activations"/>: the feature maps of that layer, channel-major. Nothing is folded or fused, so every
    /// layer's own output is there.
    /// </summary>
    public void ComputeActivations(string layer, ReadOnlySpan<float> input, Span<float> activations)
    {
        ArgumentNullException.ThrowIfNull(layer);
        RequireLength(input.Length, InputLength, nameof(input), "one sample");
        RequireFinite(input, nameof(input));
        IReadOnlyList<LayerInfo> layers = TDefinition.LayerList;
        int index = 0;
        while (index < layers.Count && layers[index].Name != layer) index++;
        if (index == layers.Count) throw UnknownLayer(layer);
        EnterInference();
        Workspace workspace = _inferenceWorkspaces.Rent();
        try
        {
            TDefinition.Forward(workspace, _parameters, input, 1, fold: false);
            int length = layers[index].OutputLength;
            ReadOnlySpan<float> output = workspace.LayerOutputs[index] is { } buffer ? buffer.AsSpan(0, length) : input.Slice(0, length);
            if (activations.Length != output.Length) RequireLength(activations.Length, output.Length, nameof(activations), $"the output of {layer}");
            output.CopyTo(activations);
        }
        finally
        {
            _inferenceWorkspaces.Return(workspace);
            ExitInference();
        }
    }

    /// <summary>
    /// Times every layer: one untimed gradient computation on <paramref name="inputs"/>, then <paramref name="repeats"/>
    /// timed ones, in training mode, on <paramref name="threads"/> workers (1: the calling thread; more: the first
    /// worker's share is timed). Returns one entry per layer with its mean forward and backward time. Overwrites
    /// <see cref="Gradients"/>; the parameters, BatchNorm statistics and dropout generator are left as they were.
    /// </summary>
    public LayerTiming[] ProfileLayers(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets, int repeats, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        IReadOnlyList<LayerInfo> layers = TDefinition.LayerList;
        float[] state = (float[])_state.Clone();
        var random = _random.State;
        int savedThreads = _threads;
        _threads = threads;
        var timings = new long[2 * layers.Count];
        try
        {
            ComputeGradients(inputs, targets, default, default);
            // ComputeGradients runs on one thread when the batch has fewer samples than threads.
            Workspace timed = Math.Min(threads, inputs.Length / InputLength) > 1 ? _trainingWorkers![0].Workspace : _trainingWorkspace!;
            timed.Timings = timings;
            for (int r = 0; r < repeats; r++) ComputeGradients(inputs, targets, default, default);
        }
        finally
        {
            if (_trainingWorkspace is not null) _trainingWorkspace.Timings = null;
            if (_trainingWorkers is not null) _trainingWorkers[0].Workspace.Timings = null;
            _threads = savedThreads;
            state.CopyTo(_state, 0);
            _random.State = random;
        }
        double microseconds = 1e6 / Stopwatch.Frequency / repeats;
        var result = new LayerTiming[layers.Count];
        for (int i = 0; i < result.Length; i++)
        {
            LayerInfo layer = layers[i];
            result[i] = new LayerTiming(layer.Name, layer.Kind, layer.Flops, timings[i] * microseconds, timings[layers.Count + i] * microseconds);
        }
        return result;
    }
}
