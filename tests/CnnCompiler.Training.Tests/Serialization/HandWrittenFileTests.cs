namespace CnnCompiler.Training.Tests.Serialization;

/// <summary>Files written byte by byte in the test, as another safetensors writer (PyTorch's) would, load into networks.</summary>
public sealed class HandWrittenFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void HandWrittenF32FileLoadsInAnyTensorOrder()
    {
        // TinyNet: conv1.weight 4×1×3×3 (36), conv1.bias 4, dense1.weight 3×36 (108), dense1.bias 3. The data is laid out
        // in another order than the network's (dense first), with the header's keys in yet another order.
        float[] convWeight = HandWrittenFile.Ramp(36, start: 0);
        float[] convBias = HandWrittenFile.Ramp(4, start: 100);
        float[] denseWeight = HandWrittenFile.Ramp(108, start: 200);
        float[] denseBias = HandWrittenFile.Ramp(3, start: 400);
        byte[] data = HandWrittenFile.Concat(
            HandWrittenFile.F32(denseWeight), HandWrittenFile.F32(denseBias), HandWrittenFile.F32(convWeight), HandWrittenFile.F32(convBias));
        const string header = """
            {"conv1.weight": {"dtype": "F32", "shape": [4, 1, 3, 3], "data_offsets": [444, 588]},
             "dense1.bias": {"dtype": "F32", "shape": [3], "data_offsets": [432, 444]},
             "__metadata__": {"format": "pt"},
             "dense1.weight": {"dtype": "F32", "shape": [3, 36], "data_offsets": [0, 432]},
             "conv1.bias": {"dtype": "F32", "shape": [4], "data_offsets": [588, 604]}}   
            """;
        string path = _directory.File("hand.safetensors");
        File.WriteAllBytes(path, HandWrittenFile.Build(header, data));

        var network = new TinyNet(seed: 1);
        WeightLoadReport report = network.LoadWeights(path);

        Assert.True(report.IsExactMatch);
        Bits.Equal(HandWrittenFile.Concat(HandWrittenFile.F32(convWeight), HandWrittenFile.F32(convBias), HandWrittenFile.F32(denseWeight), HandWrittenFile.F32(denseBias))
            .Chunk(4).Select(b => BitConverter.ToSingle(b)).ToArray(), network.Parameters);
    }

    [Fact]
    public void F64F16AndBF16TensorsConvertToFloat()
    {
        // Values exact in every dtype: multiples of 1/8 up to 4.
        float[] convWeight = Enumerable.Range(0, 36).Select(i => i / 8f - 2f).ToArray();
        float[] convBias = [0.5f, -0.25f, 1f, 2f];
        float[] denseWeight = Enumerable.Range(0, 108).Select(i => (i % 32) / 8f).ToArray();
        float[] denseBias = [1f, -1f, 0.125f];
        byte[] data = HandWrittenFile.Concat(
            HandWrittenFile.F64(convWeight.Select(v => (double)v).ToArray()), HandWrittenFile.F16(convBias),
            HandWrittenFile.BF16(denseWeight), HandWrittenFile.F32(denseBias));
        const string header = """
            {"conv1.weight": {"dtype": "F64", "shape": [4, 1, 3, 3], "data_offsets": [0, 288]},
             "conv1.bias": {"dtype": "F16", "shape": [4], "data_offsets": [288, 296]},
             "dense1.weight": {"dtype": "BF16", "shape": [3, 36], "data_offsets": [296, 512]},
             "dense1.bias": {"dtype": "F32", "shape": [3], "data_offsets": [512, 524]}}
            """;
        string path = _directory.File("mixed.safetensors");
        File.WriteAllBytes(path, HandWrittenFile.Build(header, data));

        var network = new TinyNet(seed: 1);
        network.LoadWeights(path);

        Bits.Equal([.. convWeight, .. convBias, .. denseWeight, .. denseBias], network.Parameters);
    }

    [Fact]
    public void HandWrittenBatchNormFileSetsRunningStatisticsAndCountFromI64()
    {
        // TinyBatchNormNet: conv1 4×1×3×3 + 4, bn1 weight/bias 4 each, running_mean/var 4 each, num_batches_tracked I64 scalar, dense1 3×36 + 3.
        var tensors = new (string Name, string Shape, byte[] Bytes)[]
        {
            ("conv1.weight", "[4,1,3,3]", HandWrittenFile.F32(HandWrittenFile.Ramp(36))),
            ("conv1.bias", "[4]", HandWrittenFile.F32(HandWrittenFile.Ramp(4, 40))),
            ("bn1.weight", "[4]", HandWrittenFile.F32(1f, 2f, 3f, 4f)),
            ("bn1.bias", "[4]", HandWrittenFile.F32(-1f, -2f, -3f, -4f)),
            ("bn1.running_mean", "[4]", HandWrittenFile.F32(0.5f, 0.25f, 0.125f, 1f)),
            ("bn1.running_var", "[4]", HandWrittenFile.F32(2f, 3f, 4f, 5f)),
            ("bn1.num_batches_tracked", "[]", HandWrittenFile.I64(1234)),
            ("dense1.weight", "[3,36]", HandWrittenFile.F32(HandWrittenFile.Ramp(108, 60))),
            ("dense1.bias", "[3]", HandWrittenFile.F32(7f, 8f, 9f)),
        };
        var entries = new List<string>();
        long offset = 0;
        foreach (var (name, shape, bytes) in tensors)
        {
            string dtype = name.EndsWith("num_batches_tracked") ? "I64" : "F32";
            entries.Add($"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":{shape},\"data_offsets\":[{offset},{offset + bytes.Length}]}}");
            offset += bytes.Length;
        }
        string path = _directory.File("bn.safetensors");
        File.WriteAllBytes(path, HandWrittenFile.Build("{" + string.Join(",", entries) + "}", HandWrittenFile.Concat(tensors.Select(t => t.Bytes).ToArray())));

        var network = new TinyBatchNormNet(seed: 1);
        network.LoadWeights(path);

        Bits.Equal([0.5f, 0.25f, 0.125f, 1f], NamedTensors.Values(network, "bn1.running_mean"));
        Bits.Equal([2f, 3f, 4f, 5f], NamedTensors.Values(network, "bn1.running_var"));
        Assert.Equal(1234f, NamedTensors.Values(network, "bn1.num_batches_tracked")[0]);
        Bits.Equal([7f, 8f, 9f], NamedTensors.Values(network, "dense1.bias"));
    }
}
