using System.Runtime.InteropServices;

namespace CnnCompiler.Robustness.Tests.Concurrency;

/// <summary>
/// Inference while another thread trains the same instance: each call either succeeds with the result of one whole
/// set of weights (never a mixture of two) or throws InvalidOperationException. Never a silent race.
/// </summary>
public class InferenceDuringTrainingTests
{
    private const int In = LeNet5.InputLength;
    private const int Out = LeNet5.OutputLength;

    [Fact]
    public async Task Inference_inside_an_optimizer_step_is_refused_and_then_sees_the_new_weights()
    {
        var net = new LeNet5(42);
        float[] image = Samples.Inputs(1, In, 7);
        var inside = new ManualResetEventSlim();
        var release = new ManualResetEventSlim();
        var training = Task.Run(() => net.TrainStep(Samples.Inputs(4, In, 1), [1, 2, 3, 4], new BlockingOptimizer(inside, release)));
        Assert.True(inside.Wait(TimeSpan.FromSeconds(30)));
        try
        {
            // The parameters are half updated right now: every inference entry point must refuse.
            var outputs = new float[Out];
            outputs.AsSpan().Fill(7f);
            foreach (Action call in new Action[]
            {
                () => net.Predict(image, outputs),
                () => net.Classify(image),
                () => net.Classify(image, new int[1]),
                () => net.ComputeLoss(image, [3]),
                () => net.ComputeActivations("conv1", image, new float[6 * 28 * 28]),
            })
            {
                Messages.Names(Assert.Throws<InvalidOperationException>(call), "LeNet5", "training");
            }
            Assert.All(outputs, v => Assert.Equal(7f, v));
        }
        finally
        {
            release.Set();
        }
        await training.WaitAsync(TimeSpan.FromSeconds(30));

        var after = new float[Out];
        net.Predict(image, after);
        var copy = new LeNet5(0);
        net.Parameters.CopyTo(copy.Parameters);
        var expected = new float[Out];
        copy.Predict(image, expected);
        Bits.Equal(expected, after);
    }

    /// <summary>
    /// SGD that writes the parameters slowly, a slice at a time with pauses, so that a Predict already running when the
    /// step begins would read a mixture of old and new weights if the network let it.
    /// </summary>
    private sealed class SlowSgd : IOptimizer
    {
        public float LearningRate { get; set; } = 0.05f;

        public long StepCount { get; private set; }

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            const int slices = 16;
            int slice = (parameters.Length + slices - 1) / slices;
            for (int start = 0; start < parameters.Length; start += slice)
            {
                int n = Math.Min(slice, parameters.Length - start);
                for (int i = start; i < start + n; i++) parameters[i] -= LearningRate * gradients[i];
                Thread.SpinWait(2000);
            }
            StepCount++;
        }

        public OptimizerState GetState() => new(StepCount, []);

        public void SetState(OptimizerState state) => StepCount = state.StepCount;
    }

    [Fact]
    public void Predict_racing_training_steps_sees_whole_weights_or_is_refused()
    {
        const int steps = 40;
        var net = new LeNet5(42) { Threads = 1 };
        float[] image = Samples.Inputs(1, In, 11);
        var snapshots = new List<float[]> { net.Parameters.ToArray() };
        var results = new List<float[]>();
        int refused = 0;
        using var done = new CancellationTokenSource();
        var reader = new Thread(() =>
        {
            var outputs = new float[Out];
            while (!done.IsCancellationRequested)
            {
                try
                {
                    net.Predict(image, outputs);
                    results.Add((float[])outputs.Clone());
                }
                catch (InvalidOperationException)
                {
                    refused++;
                }
            }
        });
        reader.Start();
        var optimizer = new SlowSgd();
        float[] batch = Samples.Inputs(8, In, 3);
        int[] labels = Samples.Labels(8, Out, 3);
        for (int s = 0; s < steps; s++)
        {
            net.TrainStep(batch, labels, optimizer);
            snapshots.Add(net.Parameters.ToArray());
            Thread.Sleep(1); // let the reader run between steps too
        }
        done.Cancel();
        reader.Join();

        // Every successful prediction must be exactly what one of the weight sets gives.
        var copy = new LeNet5(0);
        var allowed = new HashSet<string>();
        var expected = new float[Out];
        foreach (float[] parameters in snapshots)
        {
            parameters.CopyTo(copy.Parameters);
            copy.Predict(image, expected);
            allowed.Add(Key(expected));
        }
        int torn = results.Count(r => !allowed.Contains(Key(r)));
        Assert.True(results.Count > 0, $"No prediction succeeded ({refused} refused).");
        Assert.True(torn == 0, $"{torn} of {results.Count} predictions mixed two sets of weights ({refused} refused while training).");
    }

    private static string Key(float[] values) => Convert.ToHexString(MemoryMarshal.AsBytes(values.AsSpan()));
}
