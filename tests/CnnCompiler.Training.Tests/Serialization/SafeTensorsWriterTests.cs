namespace CnnCompiler.Training.Tests.Serialization;

public sealed class SafeTensorsWriterTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void TensorsAndMetadataReadBackAsWritten()
    {
        string path = _directory.File("mixed.safetensors");
        new SafeTensorsWriter()
            .AddMetadata("note", "ünïcode \"quoted\"")
            .AddFloats("a", [2, 3], [1, 2, 3, 4, 5, 6])
            .AddInt64("count", [], [long.MaxValue])
            .AddFloats("empty", [0, 4], [])
            .Save(path);

        SafeTensorsFile file = SafeTensors.Read(path);

        Assert.Equal("ünïcode \"quoted\"", file.Metadata["note"]);
        Assert.Equal(64, file.Metadata[SafeTensors.ChecksumKey].Length);
        Assert.Equal(["a", "count", "empty"], file.Tensors.Select(t => t.Name));
        var a = new float[6];
        file.ReadFloats(file.GetTensor("a"), a);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], a);
        var count = new long[1];
        file.ReadInt64(file.GetTensor("count"), count);
        Assert.Equal(long.MaxValue, count[0]);
        Assert.Equal(0, file.GetTensor("empty").ElementCount);
        Assert.Contains("has no tensor named 'b'", Assert.Throws<InvalidDataException>(() => file.GetTensor("b")).Message);
    }

    [Fact]
    public void WriterRejectsWhatTheFormatCannotHold()
    {
        var writer = new SafeTensorsWriter().AddFloats("a", [2], [1, 2]);

        Assert.Contains("already added", Assert.Throws<ArgumentException>(() => writer.AddFloats("a", [1], [1])).Message);
        Assert.Contains("needs 6 values; 5 were given", Assert.Throws<ArgumentException>(() => writer.AddFloats("b", [2, 3], new float[5])).Message);
        Assert.Contains("reserved", Assert.Throws<ArgumentException>(() => writer.AddMetadata(SafeTensors.ChecksumKey, "x")).Message);
        Assert.Contains("not a valid tensor name", Assert.Throws<ArgumentException>(() => writer.AddFloats("__metadata__", [1], [1])).Message);
    }

    [Fact]
    public void ReadingIntoADestinationOfTheWrongSizeNamesBothSizes()
    {
        string path = _directory.File("a.safetensors");
        new SafeTensorsWriter().AddFloats("a", [2, 3], new float[6]).Save(path);
        SafeTensorsFile file = SafeTensors.Read(path);

        var error = Assert.Throws<ArgumentException>(() => file.ReadFloats(file.GetTensor("a"), new float[5]));

        Assert.Contains("has 6 elements (shape 2×3); the destination holds 5", error.Message);
    }
}
