using System.ComponentModel;
using System.Numerics.Tensors;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// A squeeze-and-excitation gate over <c>count</c> samples: y[c, …] = feature[c, …] · gate[c], the gate
/// (<see cref="IChannelGateShape.Channels"/> values per sample) broadcast over each channel's plane
/// (<see cref="IChannelGateShape.Plane"/> values), as PyTorch's <c>x * s.view(N, C, 1, 1)</c>. Which input is the gate is
/// <see cref="IChannelGateShape.GateIsNamedInput"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ChannelGate<TShape> where TShape : struct, IChannelGateShape
{
    /// <summary>y = feature · gate, channel by channel.</summary>
    public static void Forward(ReadOnlySpan<float> input, ReadOnlySpan<float> skip, Span<float> output, int count)
    {
        int channels = TShape.Channels, plane = TShape.Plane;
        ReadOnlySpan<float> feature = TShape.GateIsNamedInput ? input : skip, gate = TShape.GateIsNamedInput ? skip : input;
        for (int g = 0; g < count * channels; g++)
        {
            int at = g * plane;
            TensorPrimitives.Multiply(feature.Slice(at, plane), gate[g], output.Slice(at, plane));
        }
    }

    /// <summary>
    /// d feature = dy · gate (broadcast), d gate[c] = Σ over the plane of dy · feature; both overwritten. An empty
    /// target is not wanted.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> skip, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Span<float> skipGradient, int count)
    {
        int channels = TShape.Channels, plane = TShape.Plane;
        ReadOnlySpan<float> feature = TShape.GateIsNamedInput ? input : skip, gate = TShape.GateIsNamedInput ? skip : input;
        Span<float> featureGradient = TShape.GateIsNamedInput ? inputGradient : skipGradient, gateGradient = TShape.GateIsNamedInput ? skipGradient : inputGradient;
        for (int g = 0; g < count * channels; g++)
        {
            int at = g * plane;
            ReadOnlySpan<float> dy = outputGradient.Slice(at, plane);
            if (!featureGradient.IsEmpty) TensorPrimitives.Multiply(dy, gate[g], featureGradient.Slice(at, plane));
            if (!gateGradient.IsEmpty) gateGradient[g] = TensorPrimitives.Dot(dy, feature.Slice(at, plane));
        }
    }
}
