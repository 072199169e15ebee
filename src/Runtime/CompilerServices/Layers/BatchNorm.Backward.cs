using System.Numerics.Tensors;

namespace CnnCompiler.CompilerServices;

public static partial class BatchNorm<TShape>
{
    /// <summary>
    /// Inverts <see cref="Forward"/> (training): dγ = Σ dy·x̂, dβ = Σ dy, dx = γ·invStd·(dy − Σdy/M − x̂·Σ(dy·x̂)/M), sums over
    /// the whole batch (M elements per channel). When <typeparamref name="TShape"/> fuses the ReLU after the layer,
    /// <paramref name="output"/> and <paramref name="outputGradient"/> are the ReLU's, and dy is the ReLU's output gradient
    /// masked by its output (y &gt; 0) as the passes read it; otherwise <paramref name="output"/> is not read.
    /// dγ then dβ are added to <paramref name="gammaBetaGradient"/> (empty: the layer is frozen); an empty
    /// <paramref name="inputGradient"/> means no layer before needs it.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> gammaBeta, ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient,
        Span<float> inputGradient, Span<float> gammaBetaGradient, Workspace workspace, int stateOffset,
        Span<float> perChannel, Span<double> sums, int count)
    {
        int channels = TShape.Channels, plane = TShape.Plane;
        ReadOnlySpan<float> mean = perChannel.Slice(0, channels), invStd = perChannel.Slice(channels, channels);
        Span<double> partial = workspace.Sync is null ? sums.Slice(SyncLength, SyncLength) : workspace.Sync.Slots(workspace.Worker, 2 * stateOffset + SyncLength, SyncLength);
        partial.Clear();
        // Samples outer, channels inner: the planes are read in memory order. Each channel's sums still add its samples in order.
        for (int n = 0; n < count; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                int offset = (n * channels + c) * plane;
                (double planeDy, double planeDyX) = TShape.FusesReLU
                    ? PlaneKernels.SumAndDotReLU(outputGradient.Slice(offset, plane), output.Slice(offset, plane), input.Slice(offset, plane))
                    : PlaneKernels.SumAndDot(outputGradient.Slice(offset, plane), input.Slice(offset, plane));
                partial[2 * c] += planeDy;
                partial[2 * c + 1] += (planeDyX - mean[c] * planeDy) * invStd[c];
            }
        }
        partial[2 * channels] = (double)count * plane;
        ReadOnlySpan<double> totals = Reduce(workspace, partial, 2 * stateOffset + SyncLength, sums);
        double elements = totals[2 * channels];
        if (workspace.Worker == 0 && !gammaBetaGradient.IsEmpty)
        {
            for (int c = 0; c < channels; c++)
            {
                gammaBetaGradient[c] += (float)totals[2 * c + 1];
                gammaBetaGradient[channels + c] += (float)totals[2 * c];
            }
        }
        if (inputGradient.IsEmpty) return;
        // dx = dy·k1 + x·k2 + k3, the formula above expanded per channel.
        Span<float> k = perChannel.Slice(2 * channels, 3 * channels);
        for (int c = 0; c < channels; c++)
        {
            double k1 = gammaBeta[c] * (double)invStd[c];
            double k2 = -k1 * invStd[c] * totals[2 * c + 1] / elements;
            double k3 = -k1 * totals[2 * c] / elements - k2 * mean[c];
            k[c] = (float)k1;
            k[channels + c] = (float)k2;
            k[2 * channels + c] = (float)k3;
        }
        for (int n = 0; n < count; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                int offset = (n * channels + c) * plane;
                if (TShape.FusesReLU)
                {
                    PlaneKernels.CombineReLU(outputGradient.Slice(offset, plane), output.Slice(offset, plane), k[c], input.Slice(offset, plane), k[channels + c], k[2 * channels + c], inputGradient.Slice(offset, plane));
                }
                else
                {
                    PlaneKernels.Combine(outputGradient.Slice(offset, plane), k[c], input.Slice(offset, plane), k[channels + c], k[2 * channels + c], inputGradient.Slice(offset, plane));
                }
            }
        }
    }

    /// <summary>
    /// Folds the inference transform into the layer before it, which nothing else reads: with a = γ/√(σ² + ε),
    /// W'[c, …] = a[c]·W[c, …] and b'[c] = a[c]·(b[c] − μ[c]) + β[c]. Written to <paramref name="folded"/>: W' then b'.
    /// <paramref name="state"/> is this layer's (running mean, then running variance); an empty <paramref name="bias"/>
    /// means the layer before has none. Inference recomputes it on every pass, so it always reflects the current
    /// parameters and statistics.
    /// </summary>
    public static void Fold(ReadOnlySpan<float> gammaBeta, ReadOnlySpan<float> state, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> folded)
    {
        int channels = TShape.Channels, perChannel = weights.Length / channels;
        for (int c = 0; c < channels; c++)
        {
            float a = gammaBeta[c] * (float)(1 / Math.Sqrt(state[channels + c] + TShape.Epsilon));
            TensorPrimitives.Multiply(weights.Slice(c * perChannel, perChannel), a, folded.Slice(c * perChannel, perChannel));
            float b = bias.IsEmpty ? 0f : bias[c];
            folded[weights.Length + c] = a * (b - state[c]) + gammaBeta[channels + c];
        }
    }
}
