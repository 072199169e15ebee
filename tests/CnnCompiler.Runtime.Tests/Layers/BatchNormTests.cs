using CnnCompiler.CompilerServices;
using static CnnCompiler.Runtime.Tests.Layers.LayerTestData;

namespace CnnCompiler.Runtime.Tests.Layers;

/// <summary>
/// The runtime's BatchNorm over its shape constants: the fused-ReLU form gives bitwise what the plain form and a
/// separate ReLU give, a frozen layer still passes its gradient on, workers share the batch's statistics while only
/// worker 0 writes the running statistics and γ/β gradients, and the fold is the inference transform.
/// </summary>
public sealed class BatchNormTests
{
    private const int Channels = 3, Plane = 10, Count = 4, Length = Count * Channels * Plane;

    private readonly struct Plain : IBatchNormShape
    {
        public static int Channels => BatchNormTests.Channels;
        public static int Plane => BatchNormTests.Plane;
        public static double Momentum => 0.1;
        public static double Epsilon => 1E-05;
        public static bool FusesReLU => false;
    }

    private readonly struct Fused : IBatchNormShape
    {
        public static int Channels => BatchNormTests.Channels;
        public static int Plane => BatchNormTests.Plane;
        public static double Momentum => 0.1;
        public static double Epsilon => 1E-05;
        public static bool FusesReLU => true;
    }

    /// <summary>γ, then β.</summary>
    private static readonly float[] GammaBeta = [1.5f, -0.5f, 0.75f, 0.25f, 0f, -1f];

    /// <summary>One layer's run: its output, input gradient, γ then β gradients and state after a training forward and backward.</summary>
    private sealed record Run(float[] Output, float[] InputGradient, float[] GammaBetaGradient, float[] State);

    private static float[] NewState()
    {
        float[] state = new float[2 * Channels + 1];
        state.AsSpan(Channels, Channels).Fill(1f); // running variance 1
        return state;
    }

    [Fact]
    public void The_fused_ReLU_form_is_the_plain_form_with_a_separate_ReLU_bitwise()
    {
        float[] x = Values(Length, 1), dy = Values(Length, 2);

        // Plain: BatchNorm, ReLU; backward: ReLU's backward, BatchNorm's.
        var plain = new TestWorkspace(training: true, NewState());
        float[] normalized = new float[Length], y = new float[Length], dz = new float[Length], dx = new float[Length];
        float[] dGammaBeta = new float[2 * Channels];
        float[] perChannel = new float[5 * Channels];
        double[] sums = new double[3 * (2 * Channels + 1)];
        BatchNorm<Plain>.Forward(GammaBeta, x, normalized, plain, 0, perChannel, sums, Count);
        ActivationKernels.ReLU(normalized, y);
        ActivationKernels.ReLUBackward(y, dy, dz);
        BatchNorm<Plain>.Backward(GammaBeta, x, normalized, dz, dx, dGammaBeta, plain, 0, perChannel, sums, Count);

        // Fused: the forward writes the ReLU's output, the backward reads the ReLU's output and output gradient.
        var fused = new TestWorkspace(training: true, NewState());
        float[] fusedY = new float[Length], fusedDx = new float[Length], fusedGammaBeta = new float[2 * Channels];
        float[] fusedPerChannel = new float[5 * Channels];
        double[] fusedSums = new double[3 * (2 * Channels + 1)];
        BatchNorm<Fused>.ForwardReLU(GammaBeta, x, fusedY, fused, 0, fusedPerChannel, fusedSums, Count);
        BatchNorm<Fused>.Backward(GammaBeta, x, fusedY, dy, fusedDx, fusedGammaBeta, fused, 0, fusedPerChannel, fusedSums, Count);

        Assert.Equal(Bits(y), Bits(fusedY));
        Assert.Equal(Bits(dx), Bits(fusedDx));
        Assert.Equal(Bits(dGammaBeta), Bits(fusedGammaBeta));
        Assert.Equal(Bits(plain.State), Bits(fused.State));
        Assert.Contains(fusedY, v => v == 0f); // the clamp did something
    }

    [Fact]
    public void A_frozen_layer_adds_no_parameter_gradient_and_passes_the_same_input_gradient()
    {
        Run trained = TrainOnce(freeze: false);
        Run frozen = TrainOnce(freeze: true);
        Assert.Equal(Bits(trained.InputGradient), Bits(frozen.InputGradient));
        Assert.All(frozen.GammaBetaGradient, v => Assert.Equal(0f, v));
        Assert.Contains(trained.GammaBetaGradient, v => v != 0f);
    }

    [Fact]
    public void Training_updates_the_running_statistics_as_PyTorch_does()
    {
        float[] x = Values(Length, 5);
        Run run = TrainOnce(freeze: false, x);
        for (int c = 0; c < Channels; c++)
        {
            double[] values = Enumerable.Range(0, Count).SelectMany(n => x.Skip((n * Channels + c) * Plane).Take(Plane)).Select(v => (double)v).ToArray();
            double mean = values.Average();
            double unbiased = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
            Assert.Equal(0.1 * mean, run.State[c], 1e-6);
            Assert.Equal(0.9 + 0.1 * unbiased, run.State[Channels + c], 1e-6);
        }
        Assert.Equal(1f, run.State[2 * Channels]); // batches tracked
    }

    /// <summary>
    /// Two workers with half the batch each, meeting in a sync group: both normalize with the whole batch's statistics
    /// (as one worker over the whole batch does, up to the order of the sums), and only worker 0 updates the running
    /// statistics and adds the γ and β gradients.
    /// </summary>
    [Fact]
    public void Workers_share_the_batch_statistics_and_worker_0_alone_writes_the_shared_results()
    {
        float[] x = Values(Length, 7), dy = Values(Length, 8);
        Run whole = TrainOnce(freeze: false, x, dy);

        int half = Length / 2;
        var sync = new SyncGroup(workers: 2, slotsPerWorker: 2 * (2 * Channels + 1));
        float[] state = NewState();
        float[] output = new float[Length], dx = new float[Length];
        float[][] gradients = [new float[2 * Channels], new float[2 * Channels]];
        Thread[] workers = Enumerable.Range(0, 2).Select(worker => new Thread(() =>
        {
            var workspace = new TestWorkspace(training: true, state) { Worker = worker, Sync = sync };
            float[] perChannel = new float[5 * Channels];
            double[] sums = new double[3 * (2 * Channels + 1)];
            Span<float> mine = output.AsSpan(worker * half, half), myDx = dx.AsSpan(worker * half, half);
            ReadOnlySpan<float> myX = x.AsSpan(worker * half, half), myDy = dy.AsSpan(worker * half, half);
            BatchNorm<Plain>.Forward(GammaBeta, myX, mine, workspace, 0, perChannel, sums, Count / 2);
            BatchNorm<Plain>.Backward(GammaBeta, myX, mine, myDy.ToArray(), myDx, gradients[worker], workspace, 0, perChannel, sums, Count / 2);
        })).ToArray();
        foreach (Thread worker in workers) worker.Start();
        foreach (Thread worker in workers) Assert.True(worker.Join(TimeSpan.FromSeconds(60)), "a worker never got past the barrier");

        for (int i = 0; i < Length; i++)
        {
            Assert.Equal(whole.Output[i], output[i], 1e-5f);
            Assert.Equal(whole.InputGradient[i], dx[i], 1e-5f);
        }
        for (int i = 0; i < 2 * Channels; i++) Assert.Equal(whole.GammaBetaGradient[i], gradients[0][i], 1e-4f);
        Assert.All(gradients[1], v => Assert.Equal(0f, v));
        for (int i = 0; i < state.Length; i++) Assert.Equal(whole.State[i], state[i], 1e-6f);
    }

    /// <summary>W'·x + b' with the folded weights is the layer before (a per-channel scale here) followed by inference BatchNorm.</summary>
    [Fact]
    public void The_fold_is_the_inference_transform_after_the_layer_before()
    {
        float[] state = [0.5f, -1f, 2f, 0.25f, 4f, 1.5f, 3f]; // running mean, running variance, batches tracked
        float[] weights = [2f, -3f, 0.5f], bias = [0.1f, 0.2f, -0.3f];
        float[] folded = new float[2 * Channels];
        BatchNorm<Plain>.Fold(GammaBeta, state, weights, bias, folded);

        float[] x = Values(Length, 9), y = new float[Length], expected = new float[Length];
        for (int i = 0; i < Length; i++)
        {
            int c = i / Plane % Channels;
            y[i] = weights[c] * x[i] + bias[c];
        }
        BatchNorm<Plain>.Forward(GammaBeta, y, expected, new TestWorkspace(training: false, state), 0, new float[5 * Channels], new double[3 * (2 * Channels + 1)], Count);
        for (int i = 0; i < Length; i++)
        {
            int c = i / Plane % Channels;
            Assert.Equal(expected[i], folded[c] * x[i] + folded[Channels + c], 1e-5f);
        }

        // Without a bias before it, b' is built from zero.
        BatchNorm<Plain>.Fold(GammaBeta, state, weights, default, folded);
        Assert.Equal(GammaBeta[0] / MathF.Sqrt(state[Channels] + 1e-5f) * (0f - state[0]) + GammaBeta[Channels], folded[Channels], 1e-6f);
    }

    private static Run TrainOnce(bool freeze, float[]? x = null, float[]? dy = null)
    {
        x ??= Values(Length, 3);
        dy = (dy ?? Values(Length, 4)).ToArray();
        var workspace = new TestWorkspace(training: true, NewState());
        float[] output = new float[Length], dx = new float[Length], dGammaBeta = new float[2 * Channels];
        float[] perChannel = new float[5 * Channels];
        double[] sums = new double[3 * (2 * Channels + 1)];
        BatchNorm<Plain>.Forward(GammaBeta, x, output, workspace, 0, perChannel, sums, Count);
        BatchNorm<Plain>.Backward(GammaBeta, x, output, dy, dx, freeze ? default : dGammaBeta, workspace, 0, perChannel, sums, Count);
        return new Run(output, dx, dGammaBeta, workspace.State);
    }
}
