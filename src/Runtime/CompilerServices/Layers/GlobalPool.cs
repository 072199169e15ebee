using System.ComponentModel;
using System.Numerics.Tensors;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// Global average or max pooling: each channel's plane reduced to one value (C×plane → C). Max pooling keeps the index
/// of each channel's winner for backward.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GlobalPool<TShape> where TShape : struct, IGlobalPoolShape
{
    /// <summary>y[c] = max or mean of plane c; <paramref name="winners"/> (max pooling only) gets each max's index in its plane.</summary>
    public static void Forward(ReadOnlySpan<float> input, Span<float> output, Span<int> winners, int count)
    {
        int channels = TShape.Channels, plane = TShape.Plane;
        for (int n = 0; n < count; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                int j = n * channels + c;
                ReadOnlySpan<float> values = input.Slice(j * plane, plane);
                if (TShape.Maximum)
                {
                    int winner = TensorPrimitives.IndexOfMax(values);
                    winners[j] = winner;
                    output[j] = values[winner];
                }
                else
                {
                    output[j] = TensorPrimitives.Sum(values) / plane;
                }
            }
        }
    }

    /// <summary>Inverts <see cref="Forward"/>: each channel's gradient goes to its largest value (max), or is spread evenly over its plane (mean).</summary>
    public static void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, ReadOnlySpan<int> winners, int count)
    {
        if (inputGradient.IsEmpty) return;
        int channels = TShape.Channels, plane = TShape.Plane;
        if (TShape.Maximum) inputGradient.Slice(0, count * channels * plane).Clear();
        for (int j = 0; j < count * channels; j++)
        {
            if (TShape.Maximum) inputGradient[j * plane + winners[j]] = outputGradient[j];
            else inputGradient.Slice(j * plane, plane).Fill(outputGradient[j] / plane);
        }
    }
}
