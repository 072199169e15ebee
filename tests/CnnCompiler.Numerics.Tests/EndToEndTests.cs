using CnnCompiler.Numerics.Tests.Networks;
using CnnCompiler.Numerics.Tests.Support;
using Xunit.Abstractions;

namespace CnnCompiler.Numerics.Tests;

/// <summary>LeNet-5 trained on the Fashion-MNIST subset shipped in data/, with the sample's recipe.</summary>
public class EndToEndTests(ITestOutputHelper output)
{
    private static readonly Lazy<(Dataset Train, Dataset Test)> s_data = new(() =>
    {
        var (train, test, _) = FashionMnist.Load(Repository.FashionMnistSubset);
        return (train, test);
    });

    /// <summary>One epoch, batch 64, SGD lr 0.05 momentum 0.9, seed 1: ≥ 75 % test accuracy (the sample reaches ~79.5 %), and the loss falls.</summary>
    [Fact]
    public void LeNet5_learns_the_subset_in_one_epoch()
    {
        var (train, test) = s_data.Value;
        Assert.Equal(10_000, train.Count);
        Assert.Equal(2_000, test.Count);

        var network = new LeNet5(1);
        var optimizer = new Sgd(0.05f, momentum: 0.9f);
        var batches = new MiniBatchLoader(train, 64, seed: 1);
        var losses = new List<float>();
        while (batches.TryGetNext(out MiniBatch batch)) losses.Add(network.TrainStep(batch.Inputs, batch.Labels, optimizer));

        Assert.Equal(157, losses.Count);
        Assert.All(losses, loss => Assert.True(float.IsFinite(loss)));
        double first = losses.Take(20).Average(), last = losses.TakeLast(20).Average();
        Assert.True(first > last, $"mean loss of the first 20 steps {first:F4} should exceed that of the last 20, {last:F4}");
        double accuracy = Evaluation.Accuracy(network, test);
        output.WriteLine($"157 steps: mean loss {first:F4} over the first 20, {last:F4} over the last 20; test accuracy {accuracy:P2}");
        Assert.True(accuracy >= 0.75, $"test accuracy after one epoch is {accuracy:P2}, below 75 %");
    }

    /// <summary>The same seed gives bitwise the same parameters after 30 steps.</summary>
    [Fact]
    public void Training_is_deterministic()
    {
        float[] first = Train30Steps();
        float[] second = Train30Steps();
        Assert.Equal(Numeric.Bits(first), Numeric.Bits(second));
        Assert.NotEqual(Numeric.Bits(new LeNet5(1).Parameters), Numeric.Bits(first)); // and training did change them
    }

    private static float[] Train30Steps()
    {
        var network = new LeNet5(1);
        var optimizer = new Sgd(0.05f, momentum: 0.9f);
        var batches = new MiniBatchLoader(s_data.Value.Train, 64, seed: 1);
        for (int step = 0; step < 30; step++)
        {
            Assert.True(batches.TryGetNext(out MiniBatch batch));
            network.TrainStep(batch.Inputs, batch.Labels, optimizer);
        }
        return network.Parameters.ToArray();
    }
}
