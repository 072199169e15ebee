namespace CnnCompiler.Training.Tests.Serialization;

/// <summary>Broken files give an InvalidDataException that names the file and the problem, and leave the network as it was.</summary>
public sealed class CorruptFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly TinyBatchNormNet _target = TrainedNetworks.BatchNorm(seed: 7, steps: 1);

    public void Dispose() => _directory.Dispose();

    private string SavedFile()
    {
        string path = _directory.File("source.safetensors");
        TrainedNetworks.BatchNorm(seed: 8, steps: 2).SaveWeights(path);
        return path;
    }

    private InvalidDataException LoadFails(string path, LoadOptions? options = null)
    {
        var before = Bits.Snapshot(_target);
        var error = Assert.Throws<InvalidDataException>(() => _target.LoadWeights(path, options));
        Assert.Contains(path, error.Message);
        Bits.Unchanged(before, _target);
        return error;
    }

    [Fact]
    public void FlippedDataByteFailsTheChecksum()
    {
        string path = SavedFile();
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^5] ^= 0x10;
        File.WriteAllBytes(path, bytes);

        var error = LoadFails(path);

        Assert.Contains("SHA-256", error.Message);
        Assert.Contains("corrupt", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedFileIsReportedAsTruncated(bool insideHeader)
    {
        string path = SavedFile();
        byte[] bytes = File.ReadAllBytes(path);
        int headerEnd = 8 + (int)BitConverter.ToUInt64(bytes, 0);
        File.WriteAllBytes(path, bytes[..(insideHeader ? headerEnd / 2 : bytes.Length - 12)]);

        var error = LoadFails(path);

        Assert.Contains("truncated", error.Message);
        Assert.Contains(insideHeader ? "the header should have" : "only", error.Message);
    }

    [Fact]
    public void FileShorterThanTheLengthPrefixIsTruncated()
    {
        string path = _directory.File("short.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);

        Assert.Contains("fewer than the 8 of the header length", LoadFails(path).Message);
    }

    [Fact]
    public void HeaderThatIsNotJsonIsRejected()
    {
        string path = _directory.File("garbage.safetensors");
        File.WriteAllBytes(path, HandWrittenFile.Build("{\"conv1.weight\": {\"dtype\": \"F32\", ", []));

        Assert.Contains("JSON", LoadFails(path).Message);
    }

    [Fact]
    public void ImplausibleHeaderLengthIsRejected()
    {
        string path = _directory.File("huge.safetensors");
        File.WriteAllBytes(path, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, (byte)'{', (byte)'}']);

        Assert.Contains("header length", LoadFails(path).Message);
    }

    [Fact]
    public void OffsetsThatDoNotMatchTheDtypeAreRejected()
    {
        // Four F64 values need 32 bytes; the offsets give 16 (as if F32 had been written under an F64 label).
        string path = _directory.File("offsets.safetensors");
        File.WriteAllBytes(path, HandWrittenFile.Build(
            """{"conv1.bias": {"dtype": "F64", "shape": [4], "data_offsets": [0, 16]}}""", HandWrittenFile.F32(1, 2, 3, 4)));

        var error = LoadFails(path);

        Assert.Contains("'conv1.bias'", error.Message);
        Assert.Contains("needs 32 bytes", error.Message);
    }

    [Fact]
    public void BytesAfterTheLastTensorAreRejected()
    {
        string path = _directory.File("trailing.safetensors");
        File.WriteAllBytes(path, HandWrittenFile.Build(
            """{"conv1.bias": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}""", HandWrittenFile.F32(1, 2, 3, 4, 5)));

        Assert.Contains("4 bytes follow the last tensor", LoadFails(path).Message);
    }

    [Fact]
    public void UnknownDtypeIsRejected()
    {
        string path = _directory.File("unknown.safetensors");
        File.WriteAllBytes(path, HandWrittenFile.Build(
            """{"conv1.bias": {"dtype": "F24", "shape": [4], "data_offsets": [0, 12]}}""", new byte[12]));

        Assert.Contains("unknown dtype 'F24'", LoadFails(path).Message);
    }

    [Fact]
    public void DtypeThatDoesNotConvertToFloatIsReportedWithTheOtherProblems()
    {
        string path = _directory.File("bool.safetensors");
        File.WriteAllBytes(path, HandWrittenFile.Build(
            """{"conv1.bias": {"dtype": "BOOL", "shape": [4], "data_offsets": [0, 4]}}""", [1, 0, 1, 0]));

        var strict = LoadFails(path);
        var nonStrict = LoadFails(path, new LoadOptions { Strict = false, AllowMissing = ["*"] });

        Assert.Contains("'conv1.bias' has dtype BOOL, which cannot be converted to float (expected F32)", strict.Message);
        Assert.Contains("missing tensor 'conv1.weight'", strict.Message);
        // A tensor the network has but cannot read is an error however permissive the options.
        Assert.Contains("1 problem;", nonStrict.Message);
        Assert.Contains("'conv1.bias' has dtype BOOL", nonStrict.Message);
    }

    [Fact]
    public void EveryMismatchIsListedInOneException()
    {
        // TinyNetWiderHead's dense1 is 5×36 and 5 where TinyNet's is 3×36 and 3; TinyNetNewHead has head.* instead of dense1.*.
        string wider = _directory.File("wider.safetensors");
        new TinyNetWiderHead(seed: 1).SaveWeights(wider);
        string renamed = _directory.File("renamed.safetensors");
        new TinyNetNewHead(seed: 1).SaveWeights(renamed);
        var target = new TinyNet(seed: 2);
        var before = Bits.Snapshot(target);

        var shapes = Assert.Throws<InvalidDataException>(() => target.LoadWeights(wider));
        var names = Assert.Throws<InvalidDataException>(() => target.LoadWeights(renamed));

        Assert.Contains("2 problems", shapes.Message);
        Assert.Contains("'dense1.weight' has shape 5×36 in the file but 3×36 in the network", shapes.Message);
        Assert.Contains("'dense1.bias' has shape 5 in the file but 3 in the network", shapes.Message);
        Assert.Contains("4 problems", names.Message);
        Assert.Contains("missing tensor 'dense1.weight' (shape 3×36)", names.Message);
        Assert.Contains("missing tensor 'dense1.bias' (shape 3)", names.Message);
        Assert.Contains("unexpected tensor 'head.weight' (shape 5×36)", names.Message);
        Assert.Contains("unexpected tensor 'head.bias' (shape 5)", names.Message);
        Bits.Unchanged(before, target);
    }

    [Fact]
    public void MissingTensorIsNamed()
    {
        string path = _directory.File("missing.safetensors");
        FileRewriting.CopyWithout(SafeTensors.Read(SavedFile()), "bn1.running_var").Save(path);

        var error = LoadFails(path);

        Assert.Contains("1 problem;", error.Message);
        Assert.Contains("missing tensor 'bn1.running_var' (shape 4)", error.Message);
    }
}
