using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// BatchNorm per channel over samples laid out N×C×plane. Training uses the statistics of the whole mini-batch: each
/// worker sums its samples, the sums meet in the step's <see cref="SyncGroup"/>, and every worker reduces them in worker
/// order. Worker 0 alone updates the running statistics and adds the γ and β gradients (the workers' gradient buffers
/// are summed afterwards). Inference uses the running statistics. Sizes are constants of <typeparamref name="TShape"/>.
/// </summary>
/// <remarks>
/// <c>gammaBeta</c> is the layer's parameters as the buffer holds them: γ, then β (Channels each). Each layer brings its own scratch: <c>perChannel</c> holds <see cref="PerChannelLength"/> floats (the mean, 1/√(var + ε),
/// then three coefficients per channel) and <c>sums</c> <see cref="SumsLength"/> doubles (this worker's forward and
/// backward sums, then the batch's totals). Its state (running mean, running variance, batches tracked:
/// <see cref="SyncLength"/> floats) starts at <c>stateOffset</c> in the workspace's state, and its slots in the sync
/// group start at twice that, so the slots of two layers never overlap.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class BatchNorm<TShape> where TShape : struct, IBatchNormShape
{
    /// <summary>Sums one worker contributes per pass: Σx and Σx² (or Σdy and Σdy·x̂) per channel, then its element count. Also the layer's state length.</summary>
    public static int SyncLength => 2 * TShape.Channels + 1;

    /// <summary>Floats of the per-channel scratch: mean, 1/√(var + ε), three coefficients.</summary>
    public static int PerChannelLength => 5 * TShape.Channels;

    /// <summary>Doubles of the sums scratch: forward sums, backward sums, totals.</summary>
    public static int SumsLength => 3 * SyncLength;

    /// <summary>y = γ · (x − mean) / √(var + ε) + β with batch statistics (training) or running statistics (inference).</summary>
    public static void Forward(ReadOnlySpan<float> gammaBeta, ReadOnlySpan<float> input, Span<float> output,
        Workspace workspace, int stateOffset, Span<float> perChannel, Span<double> sums, int count)
    {
        Statistics(input, workspace, stateOffset, perChannel, sums, count);
        Normalize(gammaBeta, input, output, perChannel, count, relu: false);
    }

    /// <summary>
    /// Training with the ReLU after this layer fused in: <paramref name="output"/> is the ReLU's output,
    /// y = max(γ · (x − mean) / √(var + ε) + β, 0), written in the same pass (this layer's own output is not written).
    /// </summary>
    public static void ForwardReLU(ReadOnlySpan<float> gammaBeta, ReadOnlySpan<float> input, Span<float> output,
        Workspace workspace, int stateOffset, Span<float> perChannel, Span<double> sums, int count)
    {
        Statistics(input, workspace, stateOffset, perChannel, sums, count);
        Normalize(gammaBeta, input, output, perChannel, count, relu: true);
    }

    /// <summary>The mean and 1/√(var + ε) per channel: of the whole batch (training; also updates the running statistics) or the running ones.</summary>
    /// <remarks>
    /// Never inlined: with profile data the JIT inlined it into <see cref="Forward"/>, used up its inlining budget there,
    /// and left the affine pass's span slicing as calls per plane (up to 20% slower on 64×8×8 layers).
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Statistics(ReadOnlySpan<float> input, Workspace workspace, int stateOffset, Span<float> perChannel, Span<double> sums, int count)
    {
        int channels = TShape.Channels, plane = TShape.Plane;
        Span<float> mean = perChannel.Slice(0, channels), invStd = perChannel.Slice(channels, channels);
        Span<float> runningMean = workspace.State.AsSpan(stateOffset, channels), runningVar = workspace.State.AsSpan(stateOffset + channels, channels);
        if (!workspace.Training)
        {
            for (int c = 0; c < channels; c++)
            {
                mean[c] = runningMean[c];
                invStd[c] = (float)(1 / Math.Sqrt(runningVar[c] + TShape.Epsilon));
            }
            return;
        }
        Span<double> partial = workspace.Sync is null ? sums.Slice(0, SyncLength) : workspace.Sync.Slots(workspace.Worker, 2 * stateOffset, SyncLength);
        partial.Clear();
        // Samples outer, channels inner: the planes are read in memory order. Each channel's sums still add its samples in order.
        for (int n = 0; n < count; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                (double planeSum, double planeSquares) = PlaneKernels.SumAndSquares(input.Slice((n * channels + c) * plane, plane));
                partial[2 * c] += planeSum;
                partial[2 * c + 1] += planeSquares;
            }
        }
        partial[2 * channels] = (double)count * plane;
        ReadOnlySpan<double> totals = Reduce(workspace, partial, 2 * stateOffset, sums);
        double elements = totals[2 * channels];
        for (int c = 0; c < channels; c++)
        {
            double mu = totals[2 * c] / elements;
            double variance = Math.Max(totals[2 * c + 1] / elements - mu * mu, 0);
            mean[c] = (float)mu;
            invStd[c] = (float)(1 / Math.Sqrt(variance + TShape.Epsilon));
            if (workspace.Worker == 0)
            {
                // PyTorch keeps the unbiased variance in the running statistics.
                double unbiased = elements > 1 ? variance * elements / (elements - 1) : variance;
                runningMean[c] = (float)((1 - TShape.Momentum) * runningMean[c] + TShape.Momentum * mu);
                runningVar[c] = (float)((1 - TShape.Momentum) * runningVar[c] + TShape.Momentum * unbiased);
            }
        }
        if (workspace.Worker == 0) workspace.State[stateOffset + 2 * channels] += 1;
    }

    /// <summary>
    /// The per-channel affine pass y = x · a + b with a = γ · invStd and b = β − mean · a, clamped at 0 when
    /// <paramref name="relu"/> (a constant at both inlined call sites).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Normalize(ReadOnlySpan<float> gammaBeta, ReadOnlySpan<float> input, Span<float> output,
        Span<float> perChannel, int count, bool relu)
    {
        int channels = TShape.Channels, plane = TShape.Plane;
        ReadOnlySpan<float> mean = perChannel.Slice(0, channels), invStd = perChannel.Slice(channels, channels);
        Span<float> a = perChannel.Slice(2 * channels, channels), b = perChannel.Slice(3 * channels, channels);
        for (int c = 0; c < channels; c++)
        {
            a[c] = gammaBeta[c] * invStd[c];
            b[c] = gammaBeta[channels + c] - mean[c] * a[c];
        }
        // Samples outer, channels inner: the planes are read in memory order.
        for (int n = 0; n < count; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                int offset = (n * channels + c) * plane;
                if (relu) PlaneKernels.ScaleShiftReLU(input.Slice(offset, plane), a[c], b[c], output.Slice(offset, plane));
                else PlaneKernels.ScaleShift(input.Slice(offset, plane), a[c], b[c], output.Slice(offset, plane));
            }
        }
    }

    /// <summary>The batch-wide sums: this worker's own on one thread, else every worker's region added in worker order.</summary>
    private static ReadOnlySpan<double> Reduce(Workspace workspace, ReadOnlySpan<double> partial, int offset, Span<double> sums)
    {
        if (workspace.Sync is not { } sync) return partial;
        sync.Wait();
        Span<double> totals = sums.Slice(2 * SyncLength, SyncLength);
        totals.Clear();
        for (int worker = 0; worker < sync.Workers; worker++)
        {
            ReadOnlySpan<double> region = sync.Slots(worker, offset, SyncLength);
            for (int k = 0; k < SyncLength; k++) totals[k] += region[k];
        }
        return totals;
    }
}
