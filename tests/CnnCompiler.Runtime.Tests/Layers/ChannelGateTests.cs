using CnnCompiler.CompilerServices;

namespace CnnCompiler.Runtime.Tests.Layers;

/// <summary>
/// The runtime's squeeze-and-excitation gate on hand-worked values (small integers and halves, exact in float): two
/// samples of 2 channels × 3 values, the gate as either input, forward and backward with stale gradient buffers, and a
/// backward that wants only one of the two gradients.
/// </summary>
public sealed class ChannelGateTests
{
    private readonly struct SkipGate : IChannelGateShape
    {
        public static int Channels => 2;
        public static int Plane => 3;
        public static bool GateIsNamedInput => true;
    }

    private readonly struct InputGate : IChannelGateShape
    {
        public static int Channels => 2;
        public static int Plane => 3;
        public static bool GateIsNamedInput => false;
    }

    private static readonly float[] Feature = [1, 2, 3, 4, 5, 6, -1, -2, -3, 0.5f, 1, 1.5f];
    private static readonly float[] Gate = [2, 0.5f, -1, 4];
    private static readonly float[] Expected = [2, 4, 6, 2, 2.5f, 3, 1, 2, 3, 2, 4, 6];
    private static readonly float[] OutputGradient = [1, 1, 1, 2, 0, -2, 1, 2, 3, 4, 0, 0];
    // d feature = dy · gate of its channel; d gate = Σ over the channel's plane of dy · feature.
    private static readonly float[] FeatureGradient = [2, 2, 2, 1, 0, -1, -1, -2, -3, 16, 0, 0];
    private static readonly float[] GateGradient = [6, -4, -14, 2];

    [Fact]
    public void The_gate_as_the_second_input_scales_each_channel_and_backward_overwrites_both_gradients()
    {
        float[] y = new float[12];
        ChannelGate<SkipGate>.Forward(Feature, Gate, y, 2);
        Assert.Equal(Expected, y);

        float[] dFeature = Enumerable.Repeat(1234f, 12).ToArray(), dGate = Enumerable.Repeat(1234f, 4).ToArray();
        ChannelGate<SkipGate>.Backward(Feature, Gate, OutputGradient, dFeature, dGate, 2);
        Assert.Equal(FeatureGradient, dFeature);
        Assert.Equal(GateGradient, dGate);
    }

    [Fact]
    public void The_gate_as_the_first_input_gives_the_same_values_and_either_gradient_may_be_unwanted()
    {
        float[] y = new float[12];
        ChannelGate<InputGate>.Forward(Gate, Feature, y, 2);
        Assert.Equal(Expected, y);

        float[] dGate = Enumerable.Repeat(1234f, 4).ToArray();
        ChannelGate<InputGate>.Backward(Gate, Feature, OutputGradient, dGate, default, 2);
        Assert.Equal(GateGradient, dGate);

        float[] dFeature = Enumerable.Repeat(1234f, 12).ToArray();
        ChannelGate<InputGate>.Backward(Gate, Feature, OutputGradient, default, dFeature, 2);
        Assert.Equal(FeatureGradient, dFeature);
    }
}
