using CnnCompiler.Numerics.Tests.Networks;
using CnnCompiler.Numerics.Tests.Support;

namespace CnnCompiler.Numerics.Tests;

/// <summary>
/// Inference against a naive double-precision forward written from PyTorch's definitions: BatchNorm with running
/// statistics (y = γ·(x − running_mean)/√(running_var + ε) + β), folded by the generator into the convolution or dense
/// layer before it; a BatchNorm after an activation, which cannot fold; LeakyReLU; global max pooling.
/// </summary>
public sealed class InferenceForwardTests
{
    private const int Batch = 5;

    [Fact]
    public void Predict_with_folded_batch_norm_matches_the_reference()
    {
        var net = new InferenceBatchNorm(seed: 3);
        var random = new Random(11);
        Randomize(net, random);
        float[] inputs = RandomValues(random, Batch * InferenceBatchNorm.InputLength, 1.5);

        AssertPredictMatchesReference(net, inputs);

        // The fold is recomputed from the current parameters and statistics on every call.
        net.Parameters[TensorOf(net, "bn1.weight").Offset] *= -2f;
        net.State[TensorOf(net, "bn3.running_mean").Offset + 1] += 0.75f;
        AssertPredictMatchesReference(net, inputs);
    }

    [Fact]
    public void Feature_maps_of_a_folded_pair_are_the_unfolded_layers_outputs()
    {
        var net = new InferenceBatchNorm(seed: 3);
        var random = new Random(12);
        Randomize(net, random);
        float[] input = RandomValues(random, InferenceBatchNorm.InputLength, 1.5);
        Reference reference = Reference.Of(net);

        // conv1 is folded with bn1 in Predict; its own output (before the norm) is still what ComputeActivations gives.
        var conv1 = new float[8 * 6 * 9];
        net.ComputeActivations("conv1", input, conv1);
        Numeric.AssertClose(reference.Conv(input.Select(v => (double)v).ToArray(), 2, 6, 9, "conv1", 8, pad: 1), conv1, 1e-5, 1e-6, "conv1");
        var bn1 = new float[8 * 6 * 9];
        net.ComputeActivations("bn1", input, bn1);
        Numeric.AssertClose(reference.Norm(conv1.Select(v => (double)v).ToArray(), "bn1", 8, 1e-3), bn1, 1e-5, 1e-6, "bn1");
    }

    [Fact]
    public void Predict_with_batch_norm_folded_into_winograd_convolutions_matches_the_unfolded_layers()
    {
        var net = new InferenceWinogradBatchNorm(seed: 5);
        var random = new Random(13);
        Randomize(net, random);
        foreach (TensorInfo tensor in ((INetwork)net).Tensors.Where(t => t.Name.StartsWith("conv", StringComparison.Ordinal) && t.Name.EndsWith(".weight", StringComparison.Ordinal)))
        {
            // 288 inputs per output: scaled so that the logits stay in softmax's sensitive range.
            foreach (ref float w in net.Parameters.Slice(tensor.Offset, tensor.Length)) w *= 0.1f;
        }
        AssertPredictMatchesUnfoldedLayers(net, random, InferenceWinogradBatchNorm.InputLength, InferenceWinogradBatchNorm.OutputLength);
    }

    [Fact]
    public void Predict_with_the_relu_inside_residual_adds_matches_the_unfused_layers()
    {
        var net = new InferenceResidualReLU(seed: 6);
        var random = new Random(14);
        Randomize(net, random);
        AssertPredictMatchesUnfoldedLayers(net, random, InferenceResidualReLU.InputLength, InferenceResidualReLU.OutputLength);

        // The add's own output (before its ReLU) is still a feature map: negative values survive there, not after the ReLU.
        float[] input = RandomValues(random, InferenceResidualReLU.InputLength, 1.5);
        var add = new float[8 * 6 * 8];
        var relu = new float[8 * 6 * 8];
        net.ComputeActivations("add1", input, add);
        net.ComputeActivations("b", input, relu);
        Assert.Contains(add, v => v < 0);
        Assert.Equal(add.Select(v => Math.Max(v, 0f)).ToArray(), relu);
    }

    /// <summary>
    /// Predict (BatchNorms folded, ReLUs fused into residual adds) against ComputeActivations, which runs every layer on
    /// its own: the last layer's logits, soft-maxed, must be what Predict gives.
    /// </summary>
    private static void AssertPredictMatchesUnfoldedLayers(IClassifier net, Random random, int inputLength, int outputLength)
    {
        float[] inputs = RandomValues(random, Batch * inputLength, 1.5);
        var probabilities = new float[Batch * outputLength];
        net.Predict(inputs, probabilities);
        string last = ((INetwork)net).Tensors.Last(t => t.Store == TensorStore.Parameters).Name.Split('.')[0];
        var logits = new float[outputLength];
        for (int n = 0; n < Batch; n++)
        {
            net.ComputeActivations(last, inputs.AsSpan(n * inputLength, inputLength), logits);
            double[] expected = Reference.Softmax(logits.Select(v => (double)v).ToArray());
            Numeric.AssertClose(expected, probabilities.AsSpan(n * outputLength, outputLength).ToArray(), 1e-5, 1e-7, $"sample {n}");
        }
    }

    private static void AssertPredictMatchesReference(InferenceBatchNorm net, float[] inputs)
    {
        Reference reference = Reference.Of(net);
        var probabilities = new float[Batch * InferenceBatchNorm.OutputLength];
        net.Predict(inputs, probabilities);
        var single = new float[InferenceBatchNorm.OutputLength];
        for (int n = 0; n < Batch; n++)
        {
            double[] x = inputs.AsSpan(n * InferenceBatchNorm.InputLength, InferenceBatchNorm.InputLength).ToArray().Select(v => (double)v).ToArray();
            double[] expected = Reference.Softmax(reference.Logits(x));
            Numeric.AssertClose(expected, probabilities.AsSpan(n * 3, 3).ToArray(), 1e-5, 1e-7, $"sample {n}");
            net.Predict(inputs.AsSpan(n * InferenceBatchNorm.InputLength, InferenceBatchNorm.InputLength), single);
            Assert.Equal(probabilities.AsSpan(n * 3, 3).ToArray(), single);
        }
    }

    /// <summary>Random weights and biases, γ around ±1, β and running means around 0, running variances in [0.2, 2.2].</summary>
    private static void Randomize(INetwork net, Random random)
    {
        foreach (TensorInfo tensor in net.Tensors)
        {
            Span<float> values = (tensor.Store == TensorStore.Parameters ? net.Parameters : net.State).Slice(tensor.Offset, tensor.Length);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = tensor.Name.Split('.')[^1] switch
                {
                    "running_var" => (float)(0.2 + 2 * random.NextDouble()),
                    "num_batches_tracked" => 7,
                    // A BatchNorm's γ is the only one-dimensional weight (convolution and dense weights have 2 or more).
                    "weight" when tensor.Shape.Length == 1 => (float)((random.Next(2) * 2 - 1) * (0.5 + random.NextDouble())),
                    _ => (float)(random.NextDouble() * 1.2 - 0.6),
                };
            }
        }
    }

    private static float[] RandomValues(Random random, int length, double scale) =>
        Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();

    private static TensorInfo TensorOf(InferenceBatchNorm net, string name) => ((INetwork)net).Tensors.Single(t => t.Name == name);

    /// <summary>The network's forward in double, one sample, straight from the definitions.</summary>
    private sealed class Reference(Func<string, double[]> tensor)
    {
        public static Reference Of(InferenceBatchNorm net)
        {
            float[] parameters = net.Parameters.ToArray(), state = net.State.ToArray();
            return new Reference(name =>
            {
                TensorInfo info = TensorOf(net, name);
                float[] store = info.Store == TensorStore.Parameters ? parameters : state;
                return store.AsSpan(info.Offset, info.Length).ToArray().Select(v => (double)v).ToArray();
            });
        }

        public double[] Logits(double[] x)
        {
            double[] a = Norm(Conv(x, 2, 6, 9, "conv1", 8, pad: 1), "bn1", 8, 1e-3);
            a = a.Select(v => v > 0 ? v : 0.2 * v).ToArray();
            a = Conv(a, 8, 6, 9, "conv2", 4, pad: 0).Select(Math.Tanh).ToArray();
            a = Norm(a, "bn2", 4, 1e-5);
            double[] pooled = Enumerable.Range(0, 4).Select(c => a.Skip(c * 28).Take(28).Max()).ToArray();
            double[] hidden = Norm(Dense(pooled, "dense1", 5), "bn3", 5, 1e-5);
            return Dense(hidden, "dense2", 3);
        }

        public double[] Conv(double[] x, int channels, int height, int width, string name, int filters, int pad)
        {
            double[] w = tensor(name + ".weight");
            double[]? b = name == "conv1" ? tensor(name + ".bias") : null;
            int outH = height + 2 * pad - 2, outW = width + 2 * pad - 2;
            var y = new double[filters * outH * outW];
            for (int f = 0; f < filters; f++)
            for (int i = 0; i < outH; i++)
            for (int j = 0; j < outW; j++)
            {
                double sum = b?[f] ?? 0;
                for (int c = 0; c < channels; c++)
                for (int ki = 0; ki < 3; ki++)
                for (int kj = 0; kj < 3; kj++)
                {
                    int r = i + ki - pad, s = j + kj - pad;
                    if (r >= 0 && r < height && s >= 0 && s < width) sum += w[((f * channels + c) * 3 + ki) * 3 + kj] * x[(c * height + r) * width + s];
                }
                y[(f * outH + i) * outW + j] = sum;
            }
            return y;
        }

        public double[] Norm(double[] x, string name, int channels, double epsilon)
        {
            double[] gamma = tensor(name + ".weight"), beta = tensor(name + ".bias"), mean = tensor(name + ".running_mean"), variance = tensor(name + ".running_var");
            int plane = x.Length / channels;
            return x.Select((v, i) => gamma[i / plane] * (v - mean[i / plane]) / Math.Sqrt(variance[i / plane] + epsilon) + beta[i / plane]).ToArray();
        }

        private double[] Dense(double[] x, string name, int units)
        {
            double[] w = tensor(name + ".weight");
            double[]? b = name == "dense2" ? tensor(name + ".bias") : null;
            return Enumerable.Range(0, units).Select(o => (b?[o] ?? 0) + Enumerable.Range(0, x.Length).Sum(i => w[o * x.Length + i] * x[i])).ToArray();
        }

        public static double[] Softmax(double[] logits)
        {
            double max = logits.Max();
            double[] e = logits.Select(v => Math.Exp(v - max)).ToArray();
            return e.Select(v => v / e.Sum()).ToArray();
        }
    }
}
