using System.Runtime.InteropServices;

namespace CnnCompiler.Robustness.Tests.Support;

/// <summary>Bitwise comparison of float spans: the bit patterns, so that −0 ≠ +0 and NaN payloads count.</summary>
internal static class Bits
{
    public static int[] Of(ReadOnlySpan<float> values) => MemoryMarshal.Cast<float, int>(values).ToArray();

    public static void Equal(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual) => Assert.Equal(Of(expected), Of(actual));

    public static bool Same(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        MemoryMarshal.Cast<float, int>(a).SequenceEqual(MemoryMarshal.Cast<float, int>(b));
}

/// <summary>A copy of everything a failed call must leave alone: parameters, state, gradients and the training random generator.</summary>
internal sealed class NetworkSnapshot
{
    private readonly INetwork _network;
    private readonly float[] _parameters;
    private readonly float[] _state;
    private readonly float[] _gradients;
    private readonly (ulong, ulong, ulong, ulong)? _random;

    public NetworkSnapshot(INetwork network)
    {
        _network = network;
        _parameters = network.Parameters.ToArray();
        _state = network.State.ToArray();
        _gradients = network.Gradients.ToArray();
        _random = network.TrainingRandom.State;
    }

    /// <summary>Parameters and state (BatchNorm running statistics) are bitwise as they were.</summary>
    public void AssertWeightsUnchanged()
    {
        Bits.Equal(_parameters, _network.Parameters);
        Bits.Equal(_state, _network.State);
    }

    /// <summary>Also the gradients and the training generator: the call failed before any computation.</summary>
    public void AssertUnchanged()
    {
        AssertWeightsUnchanged();
        Bits.Equal(_gradients, _network.Gradients);
        Assert.Equal(_random, _network.TrainingRandom.State);
    }
}

/// <summary>An optimizer's state (step count, learning rate and buffers), to check later that nothing changed.</summary>
internal sealed class OptimizerSnapshot
{
    private readonly IOptimizer _optimizer;
    private readonly long _steps;
    private readonly float _rate;
    private readonly List<(string Name, int[] Bits)> _buffers;

    public OptimizerSnapshot(IOptimizer optimizer)
    {
        _optimizer = optimizer;
        _steps = optimizer.StepCount;
        _rate = optimizer.LearningRate;
        _buffers = Buffers(optimizer);
    }

    public void AssertUnchanged()
    {
        Assert.Equal(_steps, _optimizer.StepCount);
        Assert.Equal(_rate, _optimizer.LearningRate);
        var now = Buffers(_optimizer);
        Assert.Equal(_buffers.Select(b => b.Name), now.Select(b => b.Name));
        for (int i = 0; i < now.Count; i++) Assert.Equal(_buffers[i].Bits, now[i].Bits);
    }

    private static List<(string Name, int[] Bits)> Buffers(IOptimizer optimizer) =>
        optimizer.GetState().Buffers.Select(b => (b.Key, Bits.Of(b.Value))).ToList();
}
