namespace CnnCompiler.Training.Tests.Serialization;

/// <summary>
/// Partial loading for transfer learning: what matches loads, the rest is reported, and a network tensor stays at its
/// initialization only where LoadOptions.AllowMissing says it may; LoadOptions.Rename maps other naming conventions.
/// </summary>
public sealed class PartialLoadTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Saved(INetwork network, string name = "body.safetensors")
    {
        string path = _directory.File(name);
        network.SaveWeights(path);
        return path;
    }

    /// <summary>A weight file of <paramref name="network"/>'s tensors under other names (as another framework writes them).</summary>
    private string SavedAs(INetwork network, Func<string, string> rename, string name)
    {
        var writer = new SafeTensorsWriter();
        foreach (TensorInfo tensor in network.Tensors)
        {
            if (NetworkTensorsAreCounts(tensor)) writer.AddInt64(rename(tensor.Name), tensor.Shape, [(long)tensor.Values(network)[0]]);
            else writer.AddFloats(rename(tensor.Name), tensor.Shape, tensor.Values(network));
        }
        string path = _directory.File(name);
        writer.Save(path);
        return path;
    }

    private static bool NetworkTensorsAreCounts(TensorInfo tensor) => tensor.Name.EndsWith(".num_batches_tracked", StringComparison.Ordinal);

    [Fact]
    public void NewHeadKeepsItsInitializationWhereAllowedAndBodyLoads()
    {
        TinyNet source = TrainedNetworks.Tiny(seed: 1);
        string path = Saved(source);
        var target = new TinyNetNewHead(seed: 2);
        float[] headWeight = NamedTensors.Values(target, "head.weight").ToArray();
        float[] headBias = NamedTensors.Values(target, "head.bias").ToArray();

        WeightLoadReport report = target.LoadWeights(path, new LoadOptions { Strict = false, AllowMissing = ["head"] });

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
    public void MissingTensorsNotNamedAsAllowedAreAnErrorEvenWhenNotStrict()
    {
        string path = Saved(TrainedNetworks.Tiny(seed: 1));
        var target = new TinyNetNewHead(seed: 2);
        var before = Bits.Snapshot(target);

        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path, new LoadOptions { Strict = false }));

        Assert.Contains("2 problems; nothing was loaded", error.Message);
        Assert.Contains("missing tensor 'head.weight' (shape 5×36)", error.Message);
        Assert.Contains("missing tensor 'head.bias' (shape 5)", error.Message);
        Assert.Contains("LoadOptions.AllowMissing", error.Message);
        Assert.DoesNotContain("dense1", error.Message);
        Bits.Unchanged(before, target);

        // Allowing only the weight leaves the bias an error.
        error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path, new LoadOptions { Strict = false, AllowMissing = ["head.weight"] }));
        Assert.Contains("1 problem;", error.Message);
        Assert.Contains("missing tensor 'head.bias'", error.Message);
        Bits.Unchanged(before, target);
    }

    [Fact]
    public void HeadOfAnotherSizeIsReportedAsShapeMismatchedWhereAllowed()
    {
        TinyNet source = TrainedNetworks.Tiny(seed: 1);
        string path = Saved(source);
        var target = new TinyNetWiderHead(seed: 2);
        float[] denseWeight = NamedTensors.Values(target, "dense1.weight").ToArray();
        var before = Bits.Snapshot(target);

        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path, new LoadOptions { Strict = false }));
        Assert.Contains("tensor 'dense1.weight' has shape 3×36 in the file but 5×36 in the network", error.Message);
        Bits.Unchanged(before, target);

        WeightLoadReport report = target.LoadWeights(path, new LoadOptions { AllowMissing = ["dense1"] });

        Assert.Equal(["conv1.weight", "conv1.bias"], report.Loaded);
        Assert.Empty(report.Unexpected);
        Assert.Empty(report.Missing);
        Assert.Equal(["dense1.weight", "dense1.bias"], report.ShapeMismatched.Select(m => m.Name));
        Assert.Equal([5, 36], report.ShapeMismatched[0].NetworkShape);
        Assert.Equal([3L, 36L], report.ShapeMismatched[0].FileShape);
        Bits.Equal(denseWeight, NamedTensors.Values(target, "dense1.weight"));
        Bits.Equal(NamedTensors.Values(source, "conv1.weight"), NamedTensors.Values(target, "conv1.weight"));
        Assert.Equal(
            "2 loaded, 0 unexpected (skipped), 0 ignored (dropped by the rename), 0 missing (kept their values), 2 shape-mismatched (kept their values)",
            report.ToString());
    }

    [Fact]
    public void RenameMapsLayersAndDropsTensors()
    {
        TinyNet source = TrainedNetworks.Tiny(seed: 1);
        string path = Saved(source);
        var target = new TinyNetRenamed(seed: 2);

        WeightLoadReport report = target.LoadWeights(path, new LoadOptions { Rename = LoadOptions.RenameModules(("conv1", "stem"), ("dense1", "classifier")) });

        Assert.True(report.IsExactMatch);
        Bits.Equal(source.Parameters, target.Parameters);

        // A function may drop tensors: here the old head, which AllowMissing then lets the new one do without.
        var fresh = new TinyNetRenamed(seed: 3);
        float[] head = NamedTensors.Values(fresh, "classifier.weight").ToArray();
        report = fresh.LoadWeights(path, new LoadOptions
        {
            Rename = name => name.StartsWith("dense1.", StringComparison.Ordinal) ? null : name.Replace("conv1.", "stem.", StringComparison.Ordinal),
            AllowMissing = ["classifier"],
        });
        Assert.Equal(["dense1.weight", "dense1.bias"], report.Ignored);
        Assert.Equal(["classifier.weight", "classifier.bias"], report.Missing);
        Assert.Empty(report.Unexpected);
        Bits.Equal(NamedTensors.Values(source, "conv1.weight"), NamedTensors.Values(fresh, "stem.weight"));
        Bits.Equal(head, NamedTensors.Values(fresh, "classifier.weight"));
    }

    [Fact]
    public void RenameModulesMapsAnotherShortcutConventionAndADataParallelPrefix()
    {
        // A file as a timm-style model names a basic block's shortcut, saved from DataParallel: "module.layer1.shortcut.conv.weight".
        var source = new TinyBlockNet(seed: 1);
        Assert.Contains(TinyBlockNet.Tensors, t => t.Name == "layer1.downsample.0.weight");
        Assert.Contains(TinyBlockNet.Tensors, t => t.Name == "layer1.downsample.1.running_var");
        string path = SavedAs(source, name => "module." + name.Replace(".downsample.0.", ".shortcut.conv.").Replace(".downsample.1.", ".shortcut.bn."), "timm.safetensors");
        var target = new TinyBlockNet(seed: 2);

        var rename = LoadOptions.RenameModules(("module", ""), ("shortcut.conv", "downsample.0"), ("shortcut.bn", "downsample.1"));
        WeightLoadReport report = target.LoadWeights(path, new LoadOptions { Rename = rename });

        Assert.True(report.IsExactMatch);
        Bits.Equal(source.Parameters, target.Parameters);
        Bits.Equal(source.State, target.State);
        Assert.Equal("layer1.downsample.0.weight", rename("module.layer1.shortcut.conv.weight"));
        Assert.Equal("conv.shortcut.weight", rename("conv.shortcut.weight"));
    }

    [Fact]
    public void RenameThatMapsTwoFileTensorsToOneNameIsAnArgumentError()
    {
        string path = Saved(TrainedNetworks.Tiny(seed: 1));
        var target = new TinyNet(seed: 2);
        var before = Bits.Snapshot(target);

        var error = Assert.Throws<ArgumentException>("options", () => target.LoadWeights(path, new LoadOptions { Rename = name => name.Replace("bias", "weight") }));

        Assert.Contains("maps both 'conv1.weight' and 'conv1.bias'", error.Message);
        Assert.Contains("to 'conv1.weight'", error.Message);
        Bits.Unchanged(before, target);
    }

    [Fact]
    public void AllowMissingTakesPatternsAndStaysStrictAboutTheRest()
    {
        // A PyTorch file from before num_batches_tracked existed: everything else must still match exactly.
        TinyBatchNormNet source = TrainedNetworks.BatchNorm(seed: 1, steps: 2);
        string path = _directory.File("old-pytorch.safetensors");
        FileRewriting.CopyWithout(SafeTensors.Read(Saved(source, "bn.safetensors")), "bn1.num_batches_tracked").Save(path);
        var target = new TinyBatchNormNet(seed: 2);

        WeightLoadReport report = target.LoadWeights(path, new LoadOptions { AllowMissing = ["*.num_batches_tracked"] });

        Assert.Equal(["bn1.num_batches_tracked"], report.Missing);
        Bits.Equal(source.Parameters, target.Parameters);
        Assert.Equal(0f, NamedTensors.Values(target, "bn1.num_batches_tracked")[0]);
        Assert.Throws<InvalidDataException>(() => new TinyBatchNormNet(seed: 3).LoadWeights(path, new LoadOptions { AllowMissing = ["*.running_var"] }));
        Assert.Throws<ArgumentException>("options", () => target.LoadWeights(path, new LoadOptions { AllowMissing = [""] }));
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

        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path, new LoadOptions { Strict = false, AllowMissing = ["head"] }));

        Assert.Contains("truncated", error.Message);
        Bits.Unchanged(before, target);
    }
}
