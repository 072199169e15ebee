using System.Runtime.InteropServices;

namespace CnnCompiler.Architectures.Tests;

/// <summary>
/// Training the same network twice with the same seed and thread count gives bitwise-identical parameters and BatchNorm
/// state: ResNet-20 (BatchNorm statistics shared across workers) and AlexNet-small (dropout masks), with one and two threads.
/// </summary>
public sealed class DeterminismTests
{
    [Theory]
    [InlineData("resnet20", 1)]
    [InlineData("resnet20", 2)]
    [InlineData("alexnetsmall", 1)]
    [InlineData("alexnetsmall", 2)]
    public void SameSeedAndThreadsGiveBitwiseIdenticalTraining(string name, int threads)
    {
        var (first, firstLosses) = StepTraining.Steps(name, batchSize: 8, batches: 3, steps: 3, learningRate: 0.05f, threads: threads, seed: 11);
        var (second, secondLosses) = StepTraining.Steps(name, batchSize: 8, batches: 3, steps: 3, learningRate: 0.05f, threads: threads, seed: 11);
        var untrained = Samples.Architectures.ArchitectureCatalog.Select(name)[0].Create(11);

        Assert.Equal(Bits(firstLosses), Bits(secondLosses));
        Assert.Equal(Bits(first.Parameters), Bits(second.Parameters));
        Assert.Equal(Bits(first.State), Bits(second.State));
        Assert.Equal(first.Threads, threads);
        // Training did move the parameters, so the equality above is not that of two untouched networks.
        Assert.NotEqual(Bits(untrained.Parameters), Bits(first.Parameters));
    }

    private static int[] Bits(ReadOnlySpan<float> values) => MemoryMarshal.Cast<float, int>(values).ToArray();
}
