using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// Activations, gradients and scratch for up to <see cref="Capacity"/> samples; one caller uses it at a time. A generated
/// network derives its workspace from this class and adds one output, one gradient and the scratch arrays per layer;
/// what every network needs (mode, worker, timing, raw outputs) is here.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class Workspace
{
    private long _lapMark;

    /// <param name="capacity">Samples this workspace holds.</param>
    /// <param name="training">Training mode: BatchNorm uses batch statistics and Dropout drops.</param>
    /// <param name="state">The network's state buffer (BatchNorm running statistics).</param>
    /// <param name="layers">Layers of the network, for <see cref="LayerOutputs"/>.</param>
    /// <param name="outputLength">Floats in one output sample, for <see cref="Probabilities"/>.</param>
    protected Workspace(int capacity, bool training, float[] state, int layers, int outputLength)
    {
        Capacity = capacity;
        Training = training;
        State = state;
        LayerOutputs = new float[]?[layers];
        Probabilities = new float[capacity * outputLength];
    }

    /// <summary>Samples this workspace holds.</summary>
    public readonly int Capacity;

    /// <summary>Training mode: BatchNorm uses batch statistics and Dropout drops; otherwise running statistics and no dropout.</summary>
    public readonly bool Training;

    /// <summary>The network's state buffer (BatchNorm running statistics).</summary>
    public readonly float[] State;

    /// <summary>This worker's index among the workers of a training step (0 on one thread).</summary>
    public int Worker;

    /// <summary>What the workers of a training step share for batch statistics (null on one thread).</summary>
    public SyncGroup? Sync;

    /// <summary>The step's dropout seed.</summary>
    public ulong StepSeed;

    /// <summary>The batch index of this workspace's first sample, so dropout masks do not depend on the split.</summary>
    public int SampleOffset;

    /// <summary>Per-layer forward then backward time sums while ProfileLayers runs; null otherwise.</summary>
    public long[]? Timings;

    /// <summary>Each layer's output buffer by index in the layer table (a view shares the buffer it views; null: the network input).</summary>
    public readonly float[]?[] LayerOutputs;

    /// <summary>The loss's probabilities (softmax or sigmoid) of each sample.</summary>
    public readonly float[] Probabilities;

    /// <summary>The last layer's output: the network's raw outputs (logits). Set by the generated constructor.</summary>
    public float[] Logits = [];

    /// <summary>The gradient of the loss with respect to <see cref="Logits"/> (training workspaces only).</summary>
    public float[] LogitGradients = [];

    /// <summary>A layer's output array for <see cref="Capacity"/> samples of <paramref name="length"/> floats, recorded as <see cref="LayerOutputs"/>[<paramref name="layer"/>].</summary>
    protected float[] OutputArray(int layer, int length)
    {
        var output = new float[Capacity * length];
        LayerOutputs[layer] = output;
        return output;
    }

    /// <summary>A gradient array for <see cref="Capacity"/> samples of <paramref name="length"/> floats in training; empty at inference.</summary>
    protected float[] GradientArray(int length) => Training ? new float[Capacity * length] : [];

    /// <summary>Starts the per-layer clock of a pass (does nothing unless ProfileLayers set <see cref="Timings"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StartLaps()
    {
        if (Timings is not null) _lapMark = Stopwatch.GetTimestamp();
    }

    /// <summary>Adds the time since the last lap to <paramref name="slot"/> when profiling; otherwise nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Lap(int slot)
    {
        if (Timings is null) return;
        long now = Stopwatch.GetTimestamp();
        Timings[slot] += now - _lapMark;
        _lapMark = now;
    }
}
