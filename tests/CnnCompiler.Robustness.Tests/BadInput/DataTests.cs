using System.IO.Compression;

namespace CnnCompiler.Robustness.Tests.BadInput;

/// <summary>Rows D1–D18 of docs/bad-input.md: IDX files, data sets, Fashion-MNIST and mini-batches.</summary>
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

    [Fact]
    public void D15_an_idx_header_claiming_more_data_than_the_file_holds_allocates_nothing_of_that_size()
    {
        // 46,340 × 46,340 unsigned bytes (2.1 GB) declared in a 12-byte file.
        byte[] header = [0, 0, 0x08, 0x02, 0, 0, 0xB5, 0x04, 0, 0, 0xB5, 0x04];
        string raw = Write("claims-2gb-idx2-ubyte", header);
        long allocated = Allocations.Of(() => IdxReader.Read(raw));
        Messages.Names(Assert.Throws<InvalidDataException>(() => IdxReader.Read(raw)), raw, "expected 2,147,395,600 bytes", "found 0");
        Assert.True(allocated < 1 << 20, $"{allocated:N0} bytes allocated");

        string gzipped = Write("claims-2gb-idx2-ubyte.gz", Gzip([.. header, 1, 2, 3]));
        allocated = Allocations.Of(() => IdxReader.Read(gzipped));
        Messages.Names(Assert.Throws<InvalidDataException>(() => IdxReader.Read(gzipped)), gzipped, "expected 2,147,395,600 bytes", "found 3");
        Assert.True(allocated < 4 << 20, $"{allocated:N0} bytes allocated");
    }

    [Theory]
    [InlineData(8, "cut short")]            // no trailer at all
    [InlineData(3, "trailer is missing, cut short or does not match")]
    public void D16_a_gzip_member_without_its_crc_and_size_trailer(int cut, string named)
    {
        byte[] gz = Gzip(Idx(100, 28, 28));
        string path = Write("no-trailer-idx3-ubyte.gz", gz[..^cut]);
        Messages.Names(Assert.Throws<InvalidDataException>(() => IdxReader.Read(path)), path, named);
    }

    [Theory]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08 })]
    [InlineData(new byte[] { 0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0 })]
    public void D16_garbage_after_the_last_gzip_member(byte[] garbage)
    {
        string path = Write("garbage-idx3-ubyte.gz", [.. Gzip(Idx(100, 28, 28)), .. garbage]);
        Messages.Names(Assert.Throws<InvalidDataException>(() => IdxReader.Read(path)), path, "the gzip stream is corrupt");
    }

    public static TheoryData<string, int[], byte> WrongImageFiles() => new()
    {
        { "one 1×2,147,483,591 image", [1, 1, 2_147_483_591], 0x08 },
        { "60 images of 1×1", [60, 1, 1], 0x08 },
        { "60 images of 3×28×28", [60, 3, 28, 28], 0x08 },
        { "60 flat images of 784", [60, 784], 0x08 },
        { "signed bytes", [2, 28, 28], 0x09 },
        { "60,001 training images", [60_001, 28, 28], 0x08 },
    };

    [Theory]
    [MemberData(nameof(WrongImageFiles))]
    public void D17_fashion_mnist_files_that_are_not_28_by_28_unsigned_bytes(string what, int[] dimensions, byte type)
    {
        // The header alone decides: the files hold no data, so nothing of the declared size may be read or allocated.
        var header = new List<byte> { 0, 0, type, (byte)dimensions.Length };
        foreach (int d in dimensions) header.AddRange([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        string images = Write(FashionMnist.TrainImagesFile + ".gz", Gzip([.. header]));
        Write(FashionMnist.TrainLabelsFile, Idx(2));
        Write(FashionMnist.TestImagesFile, Idx(2, 28, 28));
        Write(FashionMnist.TestLabelsFile, Idx(2));
        long allocated = Allocations.Of(() => FashionMnist.Load(_temp.Path));
        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(_temp.Path));
        Messages.Names(error, images, "Fashion-MNIST images are N×28×28 unsigned byte with N from 1 to 60,000", ShapeText(dimensions));
        Assert.True(allocated < 1 << 20, $"{what}: {allocated:N0} bytes allocated");
    }

    [Fact]
    public void D17_fashion_mnist_labels_that_are_not_one_byte_each()
    {
        Write(FashionMnist.TrainImagesFile, Idx(2, 28, 28));
        Write(FashionMnist.TrainLabelsFile, Idx(2));
        Write(FashionMnist.TestImagesFile, Idx(2, 28, 28));
        string labels = Write(FashionMnist.TestLabelsFile, Idx(2, 1));
        Messages.Names(Assert.Throws<InvalidDataException>(() => FashionMnist.Load(_temp.Path)), labels, "Fashion-MNIST labels are N unsigned byte with N from 1 to 10,000", "2×1");
    }

    [Fact]
    public void D18_a_fifo_at_an_idx_or_fashion_mnist_path_is_refused_without_blocking()
    {
        string fifo = SpecialFiles.Fifo(_temp.File("fifo-idx1-ubyte"));
        Messages.Names(Assert.IsType<InvalidDataException>(SpecialFiles.ThrownWithin10Seconds(() => IdxReader.Read(fifo))), fifo, "not a regular file");
        Write(FashionMnist.TrainImagesFile, Idx(2, 28, 28));
        Write(FashionMnist.TrainLabelsFile, Idx(2));
        Write(FashionMnist.TestImagesFile, Idx(2, 28, 28));
        string labels = SpecialFiles.Fifo(_temp.File(FashionMnist.TestLabelsFile));
        Messages.Names(Assert.IsType<InvalidDataException>(SpecialFiles.ThrownWithin10Seconds(() => FashionMnist.Load(_temp.Path))), labels, "not a regular file");
    }

    private static string ShapeText(int[] dimensions) => string.Join("×", dimensions);
}
