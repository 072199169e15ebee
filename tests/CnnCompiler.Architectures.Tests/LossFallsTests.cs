using Xunit.Abstractions;

namespace CnnCompiler.Architectures.Tests;

/// <summary>
/// Each network's loss falls over a few steps on its own generated data: the mean of the last k step losses is well below
/// the mean of the first k. The batches repeat (a small fixed set), so the fall is the network fitting them.
/// </summary>
public sealed class LossFallsTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("signalnet", 16, 4, 16, 0.02f)]
    [InlineData("clipnet", 32, 8, 40, 0.05f)]
    [InlineData("multispectralnet", 16, 4, 16, 0.02f)]
    [InlineData("resnet20", 8, 2, 10, 0.05f)]
    [InlineData("vggsmall", 8, 2, 10, 0.01f)]
    [InlineData("alexnetsmall", 16, 2, 12, 0.01f)]
    public void LossFalls(string name, int batchSize, int batches, int steps, float learningRate)
    {
        var (_, losses) = StepTraining.Steps(name, batchSize, batches, steps, learningRate);
        output.WriteLine($"{name}: {StepTraining.Format(losses)}");

        int k = batches;
        float first = losses.Take(k).Average(), last = losses.TakeLast(k).Average();
        Assert.All(losses, loss => Assert.True(float.IsFinite(loss)));
        Assert.True(last < 0.7f * first, $"{name}: mean loss of the last {k} steps {last:F4} is not below 70 % of the first {k}'s {first:F4}.");
    }
}
