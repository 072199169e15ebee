using System.IO.Compression;

namespace CnnCompiler.Robustness.Tests.BadInput;

/// <summary>Rows D1–D14 of docs/bad-input.md: IDX files, data sets, Fashion-MNIST and mini-batches.</summary>
public class DataTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>An IDX file of unsigned bytes with the given dimensions, values 0, 1, 2, …</summary>
    private static byte[] Idx(params int[] dimensions)
    {
        int count = dimensions.Aggregate(1, (a, b) => a * b);
        var bytes = new List<byte> { 0, 0, 0x08, (byte)dimensions.Length };
        foreach (int d in dimensions) bytes.AddRange([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        for (int i = 0; i < count; i++) bytes.Add((byte)(i % 10));
        return [.. bytes];
    }

    private string Write(string name, byte[] bytes)
    {
        string path = _temp.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest)) gzip.Write(bytes);
        return memory.ToArray();
    }

    [Fact]
    public void D1_idx_null_empty_or_missing_path()
    {
        Assert.Throws<ArgumentNullException>("path", () => IdxReader.Read((string)null!));
        Assert.Throws<ArgumentException>("path", () => IdxReader.Read(""));
        string missing = _temp.File("absent-idx1-ubyte");
        Messages.Names(Assert.Throws<FileNotFoundException>(() => IdxReader.Read(missing)), missing);
        Assert.Throws<ArgumentNullException>("stream", () => IdxReader.Read((Stream)null!));
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 1 }, "two zero bytes")]      // a zip file
    [InlineData(new byte[] { 0, 0, 0x07, 1, 0, 0, 0, 1, 5 }, "element type code 0x07")]
    [InlineData(new byte[] { 0, 0, 0x08, 0 }, "rank")]
    [InlineData(new byte[] { 0, 0, 0x08, 9 }, "rank")]
    [InlineData(new byte[] { 0, 0, 0x08, 1, 0, 0, 0, 0 }, "dimension 0")]
    [InlineData(new byte[] { 0, 0 }, "magic")]
    public void D2_idx_wrong_magic_type_rank_or_dimension(byte[] bytes, string named)
    {
        string path = Write("bad-idx", bytes);
        Messages.Names(Assert.Throws<InvalidDataException>(() => IdxReader.Read(path)), path, named);
    }

    [Theory]
    [InlineData(6, "header")]
    [InlineData(4 + 12 + 50, "expected 3,136 bytes of data")]
    public void D3_idx_truncated(int keep, string named)
    {
        string path = Write("cut-idx3-ubyte", Idx(4, 28, 28)[..keep]);
        Messages.Names(Assert.Throws<InvalidDataException>(() => IdxReader.Read(path)), path, named);
        string gz = Write("cut-idx3-ubyte.gz", Gzip(Idx(4, 28, 28)[..keep]));
        Messages.Names(Assert.Throws<InvalidDataException>(() => IdxReader.Read(gz)), gz);
    }

    [Fact]
    public void D4_idx_trailing_bytes_are_not_silently_ignored()
    {
        string path = Write("long-idx1-ubyte", [.. Idx(5), 1, 2, 3]);
        Messages.Names(Assert.Throws<InvalidDataException>(() => IdxReader.Read(path)), path, "3 trailing bytes");
    }

    [Fact]
    public void D5_idx_corrupt_gzip_stream()
    {
        byte[] gz = Gzip(Idx(100, 28, 28));
        gz[gz.Length / 2] ^= 0xFF;
        gz[gz.Length / 2 + 1] ^= 0xFF;
        string path = Write("corrupt-idx3-ubyte.gz", gz);
        Messages.Names(Assert.Throws<InvalidDataException>(() => IdxReader.Read(path)), path);
    }

    [Fact]
    public void D6_dataset_null_arrays_and_mismatched_lengths()
    {
        Assert.Throws<ArgumentNullException>("samples", () => new Dataset(null!, [0], 1, 2, 2));
        Assert.Throws<ArgumentNullException>("labels", () => new Dataset(new float[4], null!, 1, 2, 2));
        Messages.Names(Assert.Throws<ArgumentException>("samples", () => new Dataset(new float[7], [0, 1], 1, 2, 2)), "2 labels", "1×2×2", "8", "7");
        Messages.Names(Assert.Throws<ArgumentException>("sampleShape", () => new Dataset(new float[4], [0], 1, 0, 4)), "dimension 1", "1×0×4");
        Assert.Throws<ArgumentException>("sampleShape", () => new Dataset(new float[4], [0]));
    }

    [Fact]
    public void D7_an_empty_dataset_is_a_value_but_cannot_be_batched_trained_or_evaluated()
    {
        var empty = new Dataset([], [], 1, 8, 8);
        Assert.Equal(0, empty.Count);
        Messages.Names(Assert.Throws<ArgumentOutOfRangeException>("batchSize", () => new MiniBatchLoader(empty, 1, seed: 0)), "0 samples");
        var net = new TinyNet(1);
        var network = new NetworkSnapshot(net);
        Messages.Names(Assert.Throws<ArgumentException>("train", () => Trainer.Fit(net, empty, new TrainingOptions { Optimizer = new Sgd(0.1f) })), "empty");
        Messages.Names(Assert.Throws<ArgumentException>("data", () => Evaluation.Accuracy(net, empty)), "empty");
        network.AssertUnchanged();
        Assert.Throws<ArgumentOutOfRangeException>("validationFraction", () => empty.Split(0.5, 1));
    }

    [Fact]
    public void D8_dataset_out_of_range_indices_and_fractions()
    {
        var data = Samples.Tiny(10);
        Messages.Names(Assert.Throws<ArgumentOutOfRangeException>("index", () => data.Sample(10)), "10 samples");
        Assert.Throws<ArgumentOutOfRangeException>("index", () => data.Label(-1));
        Messages.Names(Assert.Throws<ArgumentOutOfRangeException>("count", () => data.Take(11)), "10 samples");
        Assert.Throws<ArgumentOutOfRangeException>("count", () => data.Subset(8, 3));
        Assert.Throws<ArgumentOutOfRangeException>("index", () => data.Select([0, 10]));
        foreach (double fraction in new[] { 0.0, 1.0, double.NaN, -0.1, 0.01 })
            Assert.Throws<ArgumentOutOfRangeException>("validationFraction", () => data.Split(fraction, 1));
    }

    [Fact]
    public void D9_labels_out_of_range_are_named_with_their_sample()
    {
        var data = new Dataset(new float[4 * 64], [0, 1, 7, 2], 1, 8, 8);
        Messages.Names(Assert.Throws<ArgumentException>("classCount", () => data.ValidateLabels(3)), "Label 7", "sample 2", "3 classes");
        Assert.Throws<ArgumentOutOfRangeException>("classCount", () => data.ValidateLabels(0));
    }

    [Fact]
    public void D10_idx_images_and_labels_that_do_not_belong_together()
    {
        string images = Write("images-idx3-ubyte", Idx(4, 8, 8));
        string labels = Write("labels-idx1-ubyte", Idx(5));
        Messages.Names(Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(images, labels)), images, labels, "4 images", "5 labels");
        string twoDimensional = Write("labels2-idx2-ubyte", Idx(4, 2));
        Messages.Names(Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(images, twoDimensional)), twoDimensional, "one dimension");
        Messages.Names(Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(labels, labels)), labels, "at least two dimensions");
        Assert.Throws<ArgumentOutOfRangeException>("divisor", () => Dataset.FromIdx(images, Write("l4-idx1-ubyte", Idx(4)), divisor: 0f));
    }

    [Fact]
    public void D11_fashion_mnist_missing_folder_or_files()
    {
        string missing = _temp.File("no-such-folder");
        Messages.Names(Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.Load(missing)), missing);
        Write(FashionMnist.TrainImagesFile, Idx(2, 28, 28));
        var error = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(_temp.Path));
        Messages.Names(error, _temp.Path, FashionMnist.TrainLabelsFile, FashionMnist.TestImagesFile, FashionMnist.TestLabelsFile);
    }

    [Fact]
    public void D12_fashion_mnist_corrupt_file_is_named()
    {
        Write(FashionMnist.TrainImagesFile, Idx(2, 28, 28));
        Write(FashionMnist.TrainLabelsFile, Idx(2));
        Write(FashionMnist.TestImagesFile + ".gz", Gzip(Idx(2, 28, 28)[..100]));
        Write(FashionMnist.TestLabelsFile, Idx(2));
        Messages.Names(Assert.Throws<InvalidDataException>(() => FashionMnist.Load(_temp.Path)), FashionMnist.TestImagesFile + ".gz");
    }

    [Fact]
    public void D13_fashion_mnist_labels_outside_the_ten_classes_are_a_corrupt_file()
    {
        Write(FashionMnist.TrainImagesFile, Idx(2, 28, 28));
        byte[] labels = Idx(2);
        labels[^1] = 12;
        string labelsPath = Write(FashionMnist.TrainLabelsFile, labels);
        Write(FashionMnist.TestImagesFile, Idx(2, 28, 28));
        Write(FashionMnist.TestLabelsFile, Idx(2));
        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(_temp.Path));
        Messages.Names(error, labelsPath, "Label 12", "sample 1", "10 classes");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(11)]
    public void D14_mini_batch_loader_batch_size_zero_or_larger_than_the_data(int batchSize)
    {
        var data = Samples.Tiny(10);
        var error = Assert.Throws<ArgumentOutOfRangeException>("batchSize", () => new MiniBatchLoader(data, batchSize, seed: 0));
        Assert.Equal(batchSize, error.ActualValue);
        Messages.Names(error, "10 samples");
        Assert.Throws<ArgumentNullException>("data", () => new MiniBatchLoader(null!, 1, seed: 0));
    }
}
