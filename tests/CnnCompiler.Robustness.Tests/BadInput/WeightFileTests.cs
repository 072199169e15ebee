namespace CnnCompiler.Robustness.Tests.BadInput;

/// <summary>Rows W1–W10 of docs/bad-input.md: LoadWeights and SaveWeights with bad paths and bad files.</summary>
public class WeightFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _good;

    public WeightFileTests()
    {
        _good = _temp.File("good.safetensors");
        new TinyNet(7).SaveWeights(_good);
    }

    public void Dispose() => _temp.Dispose();

    private static void AssertRefused<T>(string path, params object[] named) where T : Exception
    {
        var net = new TinyNet(1);
        var network = new NetworkSnapshot(net);
        var error = Assert.Throws<T>(() => net.LoadWeights(path));
        Messages.Names(error, [path, .. named]);
        network.AssertUnchanged();
    }

    [Fact]
    public void W1_null_or_empty_arguments()
    {
        var net = new TinyNet(1);
        Assert.Throws<ArgumentNullException>("path", () => net.LoadWeights(null!));
        Assert.Throws<ArgumentException>("path", () => net.LoadWeights(""));
        Assert.Throws<ArgumentNullException>("network", () => NetworkWeights.LoadWeights(null!, _good));
        Assert.Throws<ArgumentNullException>("path", () => net.SaveWeights(null!));
        Assert.Throws<ArgumentNullException>("network", () => NetworkWeights.SaveWeights(null!, _temp.File("x.safetensors")));
        Assert.Equal(["good.safetensors"], _temp.Listing());
    }

    [Fact]
    public void W2_a_missing_file() => AssertRefused<FileNotFoundException>(_temp.File("absent.safetensors"));

    [Theory]
    [InlineData(0L)]
    [InlineData(5L)]
    [InlineData(40L)]
    [InlineData(-1L)]
    public void W3_a_truncated_file(long keep)
    {
        long length = new FileInfo(_good).Length;
        string path = Files.Truncated(_good, keep >= 0 ? keep : length + keep, _temp.File("truncated.safetensors"));
        AssertRefused<InvalidDataException>(path);
    }

    [Fact]
    public void W4_a_file_of_another_format()
    {
        string idx = _temp.File("labels.idx");
        File.WriteAllBytes(idx, [0, 0, 8, 1, 0, 0, 0, 2, 3, 4]);
        AssertRefused<InvalidDataException>(idx);
        string png = _temp.File("filters.png");
        Visualize.Filters(new TinyNet(1), png);
        AssertRefused<InvalidDataException>(png, "header length");
        string text = _temp.File("notes.txt");
        File.WriteAllText(text, "{\"not\": \"safetensors\"}\n");
        AssertRefused<InvalidDataException>(text);
    }

    [Fact]
    public void W5_a_corrupted_data_byte_fails_the_checksum()
    {
        string path = Files.Flipped(_good, -3, _temp.File("flipped.safetensors"));
        AssertRefused<InvalidDataException>(path, "SHA-256");
    }

    [Fact]
    public void W6_weights_of_another_architecture()
    {
        string other = _temp.File("other.safetensors");
        new OtherNet(1).SaveWeights(other);
        AssertRefused<InvalidDataException>(other, "TinyNet", "conv1.weight", "8×1×3×3", "dense1.weight", "head.weight", "nothing was loaded");
    }

    [Fact]
    public void W7_a_tensor_with_the_right_name_and_the_wrong_length()
    {
        string path = Files.Rewritten(_good, _temp.File("short.safetensors"), tensor: (name, values) => name == "dense1.bias" ? values[..2] : values);
        AssertRefused<InvalidDataException>(path, "dense1.bias", "2", "3");
    }

    [Fact]
    public void W8_saving_into_a_folder_that_does_not_exist()
    {
        string path = Path.Combine(_temp.Path, "missing", "w.safetensors");
        var error = Assert.Throws<DirectoryNotFoundException>(() => new TinyNet(1).SaveWeights(path));
        Messages.Names(error, Path.Combine(_temp.Path, "missing"));
        Assert.Equal(["good.safetensors"], _temp.Listing());
    }

    [Fact]
    public void W9_saving_into_an_unwritable_folder_leaves_the_existing_file_untouched()
    {
        var (folder, existing) = _temp.UnwritableWithFile();
        byte[] before = File.ReadAllBytes(existing);
        var error = Assert.ThrowsAny<IOException>(() => new TinyNet(1).SaveWeights(existing));
        Messages.Names(error, folder);
        Assert.Equal(before, File.ReadAllBytes(existing));
        Assert.DoesNotContain(Directory.GetFiles(folder), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void W10_saving_over_a_folder_leaves_no_temporary_file()
    {
        string target = _temp.File("a-folder.safetensors");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "inside.txt"), "kept");
        var error = Assert.ThrowsAny<Exception>(() => new TinyNet(1).SaveWeights(target));
        Assert.True(error is IOException or UnauthorizedAccessException, error.ToString());
        Assert.Equal(["a-folder.safetensors/inside.txt", "good.safetensors"], _temp.Listing());
    }
}
