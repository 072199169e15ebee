using CnnCompiler.Samples.Architectures;
using CnnCompiler.Samples.Architectures.Training;
using Xunit.Abstractions;

namespace CnnCompiler.Architectures.Tests;

/// <summary>
/// After a short training run on generated data, the 1D and 3D networks classify an independently generated held-out set
/// far above chance (25 % for four classes). Measured over seeds 1–4 and 42: SignalNet 87–91 % after two epochs, ClipNet
/// 99.6–100 % after three.
/// </summary>
public sealed class AccuracyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("signalnet", 2048, 2, 0.80)]
    [InlineData("clipnet", 1024, 3, 0.90)]
    public void ReachesHeldOutAccuracy(string name, int trainCount, int epochs, double threshold)
    {
        ArchitectureSample sample = ArchitectureCatalog.Select(name)[0];
        TrainingRecipe recipe = TrainingRecipe.OnePassPerEpoch(trainCount, testCount: 512, sample.Recipe.BatchSize, epochs, sample.Recipe.LearningRate);
        const ulong seed = 42;
        Dataset train = sample.Generate(recipe.TrainCount, seed);
        Dataset heldOut = sample.Generate(recipe.TestCount, ArchitectureCatalog.HeldOutSeed(seed));
        IClassifier network = sample.Create((int)seed);
        network.Threads = 2;

        IReadOnlyList<EpochResult> results = SampleTrainer.Train(network, train, heldOut, recipe, seed);
        foreach (EpochResult result in results)
            output.WriteLine($"{name} epoch {result.Epoch}: loss {result.MeanLoss:F4}, held-out accuracy {result.HeldOutAccuracy:P1}");

        double accuracy = results[^1].HeldOutAccuracy;
        Assert.Equal(accuracy, Evaluation.Accuracy(network, heldOut));
        Assert.True(accuracy >= threshold, $"{name}: held-out accuracy {accuracy:P1} after {epochs} epochs is below {threshold:P0} (chance 25 %).");
        Assert.True(results[^1].MeanLoss < 0.5 * Math.Log(4), $"{name}: final training loss {results[^1].MeanLoss:F4} is not well below ln 4.");
    }
}
