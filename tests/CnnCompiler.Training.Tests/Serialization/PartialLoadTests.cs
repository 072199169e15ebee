namespace CnnCompiler.Training.Tests.Serialization;

/// <summary>Non-strict loading for transfer learning: what matches loads, the rest is reported and left as initialized.</summary>
public sealed class PartialLoadTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void NewHeadKeepsItsInitializationAndBodyLoads()
    {
        TinyNet source = TrainedNetworks.Tiny(seed: 1);
        string path = _directory.File("body.safetensors");
        source.SaveWeights(path);
        var target = new TinyNetNewHead(seed: 2);
        float[] headWeight = NamedTensors.Values(target, "head.weight").ToArray();
        float[] headBias = NamedTensors.Values(target, "head.bias").ToArray();

        WeightLoadReport report = target.LoadWeights(path, new LoadOptions { Strict = false });

        Assert.Equal(["conv1.weight", "conv1.bias"], report.Loaded);
        Assert.Equal(["dense1.weight", "dense1.bias"], report.Unexpected);
        Assert.Equal(["head.weight", "head.bias"], report.Missing);
        Assert.Empty(report.ShapeMismatched);
        Assert.False(report.IsExactMatch);
        Bits.Equal(NamedTensors.Values(source, "conv1.weight"), NamedTensors.Values(target, "conv1.weight"));
        Bits.Equal(NamedTensors.Values(source, "conv1.bias"), NamedTensors.Values(target, "conv1.bias"));
        Bits.Equal(headWeight, NamedTensors.Values(target, "head.weight"));
        Bits.Equal(headBias, NamedTensors.Values(target, "head.bias"));
    }

    [Fact]
    public void HeadOfAnotherSizeIsReportedAsShapeMismatched()
    {
        TinyNet source = TrainedNetworks.Tiny(seed: 1);
        string path = _directory.File("body.safetensors");
        source.SaveWeights(path);
        var target = new TinyNetWiderHead(seed: 2);
        float[] denseWeight = NamedTensors.Values(target, "dense1.weight").ToArray();

        WeightLoadReport report = target.LoadWeights(path, new LoadOptions { Strict = false });

        Assert.Equal(["conv1.weight", "conv1.bias"], report.Loaded);
        Assert.Empty(report.Unexpected);
        Assert.Empty(report.Missing);
        Assert.Equal(["dense1.weight", "dense1.bias"], report.ShapeMismatched.Select(m => m.Name));
        Assert.Equal([5, 36], report.ShapeMismatched[0].NetworkShape);
        Assert.Equal([3L, 36L], report.ShapeMismatched[0].FileShape);
        Bits.Equal(denseWeight, NamedTensors.Values(target, "dense1.weight"));
        Bits.Equal(NamedTensors.Values(source, "conv1.weight"), NamedTensors.Values(target, "conv1.weight"));
        Assert.Equal("2 loaded, 0 unexpected (skipped), 0 missing (left initialized), 2 shape-mismatched (left initialized)", report.ToString());
    }

    [Fact]
    public void NonStrictLoadOfCorruptFileStillFailsAndChangesNothing()
    {
        string path = _directory.File("body.safetensors");
        TrainedNetworks.Tiny(seed: 1).SaveWeights(path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]);
        var target = new TinyNetNewHead(seed: 2);
        var before = Bits.Snapshot(target);

        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path, new LoadOptions { Strict = false }));

        Assert.Contains("truncated", error.Message);
        Bits.Unchanged(before, target);
    }
}
