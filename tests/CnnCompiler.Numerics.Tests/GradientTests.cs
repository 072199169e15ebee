using CnnCompiler.Numerics.Tests.Networks;
using CnnCompiler.Numerics.Tests.Reference;
using CnnCompiler.Numerics.Tests.Support;

namespace CnnCompiler.Numerics.Tests;

/// <summary>
/// The generated backward pass against finite differences of the generated ComputeLoss, for every test network, for
/// its parameters (each tensor on its own) and for its inputs, on a batch of 3 so that the batch mean matters.
/// </summary>
public class GradientTests
{
    private const int BatchSize = 3;

    public static TheoryData<string> Names => NetworkCases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Backward_matches_finite_differences(string name) => Check(NetworkCases.Get(name));

    /// <summary>The parameter and input gradients of <paramref name="network"/> against finite differences, on seeded data.</summary>
    private static void Check(NetworkCase network)
    {
        string name = network.Name;
        ITestNetwork net = network.Create(1);
        Batch batch = TestData.Create(network, BatchSize, seed: name.Length * 104729 + 3);
        batch.Parameters.CopyTo(net.Parameters);
        float[] inputs = batch.Inputs;
        int[] labels = batch.Labels;
        AssertAwayFromKinks(network, batch, TestData.Step(network.Style));

        // Analytic: the serial pass that also yields input gradients, and the plain overload, data-parallel with 2 threads
        // (2 samples + 1) and 3 threads (1 sample each).
        var inputGradients = new float[inputs.Length];
        inputGradients.AsSpan().Fill(1234f); // stale values must be overwritten, not added to
        float loss = net.ComputeGradients(inputs, labels, inputGradients);
        float[] serialGradients = net.Gradients.ToArray();
        float inferenceLoss = net.ComputeLoss(inputs, labels);
        Assert.True(Math.Abs(loss - inferenceLoss) <= 1e-6 * Math.Abs(inferenceLoss), $"ComputeGradients returned {loss:R}, ComputeLoss {inferenceLoss:R}");
        var parallelGradients = new Dictionary<int, float[]>();
        foreach (int threads in new[] { 2, 3 })
        {
            net.Threads = threads;
            float parallelLoss = net.ComputeGradients(inputs, labels);
            parallelGradients[threads] = net.Gradients.ToArray();
            Assert.True(Math.Abs(parallelLoss - inferenceLoss) <= 1e-6 * Math.Abs(inferenceLoss), $"ComputeGradients ({threads} threads) returned {parallelLoss:R}, ComputeLoss {inferenceLoss:R}");
        }

        double step = TestData.Step(network.Style);
        float[] parameters = batch.Parameters.ToArray();
        foreach (ParameterTensor tensor in network.Reference.Tensors)
        {
            ReadOnlySpan<float> serial = serialGradients.AsSpan(tensor.Offset, tensor.Count);
            int[] indices = GradientCheck.Indices(serial, seed: tensor.Offset + 1);
            double[] numeric = indices.Select(i => GradientCheck.Derivative(net.Parameters, tensor.Offset + i, step, () => net.ComputeLoss(inputs, labels))).ToArray();
            Assert.Equal(parameters, net.Parameters.ToArray()); // every perturbation was undone
            GradientCheck.AssertMatches($"{name} {tensor.Name} (with input gradients)", serial, indices, numeric);
            foreach (var (threads, gradients) in parallelGradients)
            {
                GradientCheck.AssertMatches($"{name} {tensor.Name} ({threads} threads)", gradients.AsSpan(tensor.Offset, tensor.Count), indices, numeric);
            }
        }

        int[] inputIndices = GradientCheck.Indices(inputGradients, seed: 99);
        double[] inputNumeric = inputIndices.Select(i => GradientCheck.Derivative(inputs, i, step, () => net.ComputeLoss(inputs, labels))).ToArray();
        Assert.Equal(batch.Inputs, inputs);
        GradientCheck.AssertMatches($"{name} inputs", inputGradients, inputIndices, inputNumeric);
    }

    /// <summary>
    /// The batch-mean: the gradient of a batch is the mean of the gradients of its samples, and the loss the mean loss.
    /// </summary>
    [Theory]
    [InlineData("SmoothStack")]
    [InlineData("Conv2DRectangularSevenChannels")]
    [InlineData("DenseOnSpatialInput")]
    public void Batch_gradient_is_the_mean_of_sample_gradients(string name)
    {
        NetworkCase network = NetworkCases.Get(name);
        ITestNetwork net = network.Create(1);
        Batch batch = TestData.Create(network, BatchSize, seed: 7);
        batch.Parameters.CopyTo(net.Parameters);
        int length = net.InputLength;

        net.ComputeGradients(batch.Inputs.AsSpan(0, length), batch.Labels.AsSpan(0, 1)); // the training workspace must grow below
        var batchInputGradients = new float[batch.Inputs.Length];
        float batchLoss = net.ComputeGradients(batch.Inputs, batch.Labels, batchInputGradients);
        float[] batchGradients = net.Gradients.ToArray();

        var meanGradients = new double[net.ParameterCount];
        double meanLoss = 0;
        for (int n = 0; n < BatchSize; n++)
        {
            var sampleInputGradients = new float[length];
            meanLoss += net.ComputeGradients(batch.Inputs.AsSpan(n * length, length), batch.Labels.AsSpan(n, 1), sampleInputGradients) / (double)BatchSize;
            for (int i = 0; i < meanGradients.Length; i++) meanGradients[i] += net.Gradients[i] / (double)BatchSize;
            // A sample's input gradient within the batch is its own gradient divided by the batch size.
            double[] expected = sampleInputGradients.Select(g => g / (double)BatchSize).ToArray();
            Numeric.AssertClose(expected, batchInputGradients.AsSpan(n * length, length), 1e-5, 1e-6 * Numeric.MaxAbs(sampleInputGradients), $"input gradient of sample {n}");
        }
        Assert.True(Math.Abs(batchLoss - meanLoss) <= 1e-6 * meanLoss, $"batch loss {batchLoss:R}, mean of sample losses {meanLoss:R}");
        Numeric.AssertClose(meanGradients, batchGradients, 1e-5, 1e-6 * Numeric.MaxAbs(batchGradients), "parameter gradients");

        // After the single-sample calls, the batch again gives bitwise the same gradients.
        var again = new float[batch.Inputs.Length];
        Assert.Equal(batchLoss, net.ComputeGradients(batch.Inputs, batch.Labels, again));
        Assert.Equal(Numeric.Bits(batchGradients), Numeric.Bits(net.Gradients));
        Assert.Equal(Numeric.Bits(batchInputGradients), Numeric.Bits(again));
    }

    private static void AssertAwayFromKinks(NetworkCase network, Batch batch, double step)
    {
        // Every ReLU and max pool in the test networks reads either the network input or the output of one layer that
        // reads it, so one ±2h perturbation moves a ReLU input by at most 2h·max(1, |x|, |w|) and a pooled value by 2h.
        var kinks = new KinkMonitor();
        network.Reference.Logits(batch.Inputs, batch.Parameters, kinks);
        double largest = Math.Max(1, Math.Max(Numeric.MaxAbs(batch.Inputs), Numeric.MaxAbs(batch.Parameters)));
        double reluReach = 2 * step * largest;
        Assert.True(kinks.ReLUMargin > reluReach, $"A ReLU-like activation's input is {kinks.ReLUMargin:E3} from a kink, within a finite-difference step's reach ({reluReach:E3}); change the data.");
        Assert.True(kinks.MaxPoolMargin > 2 * step, $"A max-pool window's top two values are {kinks.MaxPoolMargin:E3} apart, within a finite-difference step's reach; change the data.");
    }
}
