using CnnCompiler.Numerics.Tests.Networks;
using CnnCompiler.Numerics.Tests.Reference;
using CnnCompiler.Numerics.Tests.Support;

namespace CnnCompiler.Numerics.Tests;

/// <summary>
/// Forward passes of generated networks against naive double-precision references: Predict must return the softmax of
/// the reference logits, ComputeLoss the reference mean cross-entropy, Classify the reference arg-max. 67 samples, so
/// inference runs one full chunk of 64 and a partial one.
/// </summary>
public class ForwardTests
{
    private const int BatchSize = 67;
    private const double Relative = 1e-5;
    private const double Absolute = 1e-7;

    public static TheoryData<string> Names => NetworkCases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Layer_matches_reference(string name) => Check(NetworkCases.Get(name));

    /// <summary>Predict, ComputeLoss and Classify of <paramref name="network"/> against its reference, on seeded data.</summary>
    private static void Check(NetworkCase network)
    {
        string name = network.Name;
        ITestNetwork net = network.Create(1);
        RefNetwork reference = network.Reference;
        Assert.Equal(reference.InputLength, net.InputLength);
        Assert.Equal(reference.OutputLength, net.OutputLength);
        Assert.Equal(reference.ParameterCount, net.ParameterCount);
        Assert.Equal(reference.InputShape, net.InputShape.ToArray());
        // The generated tensor table lays the parameters out as the reference does: each layer's weights, then its bias.
        Assert.Equal(
            reference.Tensors.Select(t => (t.Offset, t.Count, t.IsBias)),
            net.Tensors.Where(t => t.Store == TensorStore.Parameters).Select(t => (t.Offset, t.Length, t.Name.EndsWith(".bias", StringComparison.Ordinal))));

        Batch batch = TestData.Create(network, BatchSize, seed: name.Length * 7919 + 17);
        batch.Parameters.CopyTo(net.Parameters);
        CheckAgainstReference(net, reference, batch.Inputs, batch.Parameters, batch.Labels, name);
    }

    [Fact]
    public void LeNet5_with_its_initial_weights_matches_reference()
    {
        NetworkCase network = NetworkCases.LeNet;
        ITestNetwork net = network.Create(1);
        Assert.Equal(network.Reference.ParameterCount, net.ParameterCount);
        var random = new Random(5);
        var inputs = new float[BatchSize * net.InputLength];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextDouble();
        var labels = Enumerable.Range(0, BatchSize).Select(_ => random.Next(10)).ToArray();
        CheckAgainstReference(net, network.Reference, inputs, net.Parameters.ToArray(), labels, "LeNet5");
    }

    [Fact]
    public void LeNet5_with_random_weights_and_biases_matches_reference()
    {
        NetworkCase network = NetworkCases.LeNet;
        ITestNetwork net = network.Create(1);
        Batch batch = TestData.Create(network, BatchSize, seed: 23);
        batch.Parameters.CopyTo(net.Parameters);
        CheckAgainstReference(net, network.Reference, batch.Inputs, batch.Parameters, batch.Labels, "LeNet5");
    }

    /// <summary>Logits far apart (±~100): probabilities underflow, yet the loss is exact as logsumexp − logit.</summary>
    [Fact]
    public void Loss_is_exact_for_extreme_logits()
    {
        NetworkCase network = NetworkCases.Get("DenseLogits");
        ITestNetwork net = network.Create(1);
        Span<float> parameters = net.Parameters;
        parameters.Clear();
        // W (5×8): logit k = 25·x[k] − 25·x[k+3]; bias 0..4.
        for (int k = 0; k < 5; k++)
        {
            parameters[k * 8 + k] = 25f;
            parameters[k * 8 + k + 3] = -25f;
            parameters[40 + k] = k;
        }
        float[] inputs = [4, -4, 2, 0, 1, -3, 0.5f, 3, /* second sample */ -4, 4, -2, 0, 3, 1, -1, -4];
        int[] labels = [1, 0];
        double[] logits = network.Reference.Logits(inputs, net.Parameters);
        Assert.True(logits.Max() - logits.Min() > 150, "the logits should span more than 150");
        CheckAgainstReference(net, network.Reference, inputs, net.Parameters.ToArray(), labels, "extreme logits");
    }

    private static void CheckAgainstReference(ITestNetwork net, RefNetwork reference, float[] inputs, float[] parameters, int[] labels, string what)
    {
        int count = labels.Length;
        int classes = net.OutputLength;
        double[] logits = reference.Logits(inputs, parameters);
        double[] expected = RefNetwork.Softmax(logits, classes);

        var probabilities = new float[count * classes];
        net.Predict(inputs, probabilities);
        Numeric.AssertClose(expected, probabilities, Relative, Absolute, $"{what}: Predict");

        // One sample at a time gives the same probabilities.
        var single = new float[classes];
        for (int n = 0; n < count; n += Math.Max(1, count / 5))
        {
            net.Predict(inputs.AsSpan(n * net.InputLength, net.InputLength), single);
            Numeric.AssertClose(expected.AsSpan(n * classes, classes), single, Relative, Absolute, $"{what}: Predict of sample {n} alone");
        }

        double expectedLoss = RefNetwork.MeanCrossEntropy(logits, labels, classes);
        float loss = net.ComputeLoss(inputs, labels);
        Assert.True(Math.Abs(loss - expectedLoss) <= 1e-5 * Math.Abs(expectedLoss) + 1e-6,
            $"{what}: ComputeLoss is {loss:R}, the reference mean cross-entropy {expectedLoss:R}");

        var predicted = new int[count];
        net.Classify(inputs, predicted);
        for (int n = 0; n < count; n++)
        {
            ReadOnlySpan<double> row = logits.AsSpan(n * classes, classes);
            int best = Numeric.ArgMax(row);
            double runnerUp = double.NegativeInfinity;
            for (int k = 0; k < classes; k++) if (k != best) runnerUp = Math.Max(runnerUp, row[k]);
            if (row[best] - runnerUp < 1e-4) continue; // a near-tie: either answer is right
            Assert.Equal(best, predicted[n]);
            if (n < 5) Assert.Equal(best, net.Classify(inputs.AsSpan(n * net.InputLength, net.InputLength)));
        }
    }
}
