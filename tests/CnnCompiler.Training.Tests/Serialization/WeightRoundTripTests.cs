namespace CnnCompiler.Training.Tests.Serialization;

public sealed class WeightRoundTripTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void BatchNormNetworkRoundTripsBitwise()
    {
        TinyBatchNormNet trained = TrainedNetworks.BatchNorm(seed: 1, steps: 3);
        Assert.Equal(3f, trained.State[^1]); // num_batches_tracked counts the training steps
        string path = _directory.File("bn.safetensors");
        trained.SaveWeights(path);

        var loaded = new TinyBatchNormNet(seed: 99);
        WeightLoadReport report = loaded.LoadWeights(path);

        Bits.EqualWeights(trained, loaded);
        Assert.True(report.IsExactMatch);
        Assert.Equal(TinyBatchNormNet.Tensors.Select(t => t.Name), report.Loaded);
    }

    [Fact]
    public void LeNetRoundTripsBitwiseAndPredictsTheSame()
    {
        var original = new LeNet5(seed: 3);
        string path = _directory.File("lenet.safetensors");
        original.SaveWeights(path);

        var loaded = new LeNet5(seed: 4);
        loaded.LoadWeights(path);

        Bits.EqualWeights(original, loaded);
        Dataset data = FashionSubset.Test.Take(8);
        var expected = new float[8 * 10];
        var actual = new float[8 * 10];
        original.Predict(data.Samples, expected);
        loaded.Predict(data.Samples, actual);
        Bits.Equal(expected, actual);
    }

    [Fact]
    public void SavingReplacesAnExistingFileAndLeavesNoTemporaryFiles()
    {
        string path = _directory.File("weights.safetensors");
        new TinyNet(seed: 1).SaveWeights(path);
        var second = new TinyNet(seed: 2);
        second.SaveWeights(path);

        var loaded = new TinyNet(seed: 3);
        loaded.LoadWeights(path);

        Bits.EqualWeights(second, loaded);
        Assert.Equal(["weights.safetensors"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void SavingIntoAMissingFolderFailsWithoutCreatingAnything()
    {
        string path = Path.Combine(_directory.Path, "absent", "weights.safetensors");
        Assert.Throws<DirectoryNotFoundException>(() => new TinyNet().SaveWeights(path));
        Assert.Empty(Directory.GetFileSystemEntries(_directory.Path));
    }
}
