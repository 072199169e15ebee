using System.Text;

namespace CnnCompiler.Robustness.Tests.BadInput;

/// <summary>Rows W1–W18 of docs/bad-input.md: LoadWeights and SaveWeights with bad paths and bad files.</summary>
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

    [Theory]
    [InlineData("\"dtype\":\"F32\"", "\"dtype\":\"I32\"")]     // one byte: conv1.weight read as integers
    [InlineData("[4,1,3,3]", "[4,1,9,1]")]                       // a shape with the same element count
    [InlineData("\"format\":\"pt\"", "\"format\":\"tf\"")]  // a metadata value
    public void W11_an_edited_header_fails_the_checksum(string from, string to)
    {
        string path = Files.HeaderEdited(_good, _temp.File("edited.safetensors"), header => ReplaceFirst(header, from, to));
        AssertRefused<InvalidDataException>(path, "corrupt", "SHA-256 of its header and data");
    }

    [Fact]
    public void W11_swapped_tensor_names_fail_the_checksum()
    {
        string source = _temp.File("bn.safetensors");
        new TinyBatchNormNet(3).SaveWeights(source);
        string path = Files.HeaderEdited(source, _temp.File("swapped.safetensors"),
            header => header.Replace("bn1.running_mean", "@").Replace("bn1.running_var", "bn1.running_mean").Replace("@", "bn1.running_var"));
        var net = new TinyBatchNormNet(1);
        var network = new NetworkSnapshot(net);
        Messages.Names(Assert.Throws<InvalidDataException>(() => net.LoadWeights(path)), path, "SHA-256 of its header and data");
        network.AssertUnchanged();
    }

    [Theory]
    [InlineData("cnncompiler.sha256\"", "cnncompiler.sha257\"", "not the checksum 'cnncompiler.sha256'")]
    [InlineData("cnncompiler.sha256\"", "cnncompilerXsha256\"", "not the checksum 'cnncompiler.sha256'")]
    [InlineData("cnncompiler.sha256_scope", "cnncompiler.sha256_scopf", "SHA-256 of its data section")]
    [InlineData("cnncompiler.sha256_scope\":\"header+data", "cnncompiler.sha256_scope\":\"header+dbta", "'cnncompiler.sha256_scope' is 'header+dbta'")]
    [InlineData("cnncompiler.network", "Cnncompiler.network", "SHA-256 of its header and data")]
    public void W12_a_damaged_checksum_entry_does_not_turn_the_check_off(string from, string to, string named)
    {
        string path = Files.HeaderEdited(_good, _temp.File("unchecked.safetensors"), header => ReplaceFirst(header, from, to));
        AssertRefused<InvalidDataException>(path, named);
    }

    [Fact]
    public void W12_a_file_without_cnncompiler_metadata_loads_without_a_checksum()
    {
        // PyTorch's files carry no checksum: the same tensors under {"format": "pt"} alone load as they are.
        string path = Files.HeaderEdited(_good, _temp.File("pytorch.safetensors"), header =>
        {
            int start = header.IndexOf("\"__metadata__\"", StringComparison.Ordinal);
            int end = header.IndexOf('}', start);
            return header[..start] + "\"__metadata__\":{\"format\":\"pt\"}" + header[(end + 1)..];
        });
        var net = new TinyNet(1);
        Assert.True(net.LoadWeights(path).IsExactMatch);
        Bits.Equal(Weights(_good), net.Parameters);
    }

    [Fact]
    public void W13_invalid_utf8_or_a_lone_surrogate_in_the_header()
    {
        byte[] name = Encoding.UTF8.GetBytes("dense1.bias");
        string badByte = Files.HeaderEdited(_good, _temp.File("latin1.safetensors"), header =>
        {
            int at = header.AsSpan().IndexOf(name);
            header[at + 3] = 0xE9; // 'é' in Latin-1: not UTF-8
            return header;
        });
        AssertRefused<InvalidDataException>(badByte, "not valid UTF-8", "0xE9");
        string surrogate = Files.HeaderEdited(_good, _temp.File("surrogate.safetensors"), header => header.Replace("\"pt\"", "\"p\\ud800t\""));
        AssertRefused<InvalidDataException>(surrogate, "metadata entry 'format' is not valid Unicode text");
    }

    [Fact]
    public void W14_a_field_given_twice_inside_a_tensor_entry()
    {
        string path = Files.HeaderEdited(_good, _temp.File("twice.safetensors"), header => header.Replace("\"shape\":[3]", "\"shape\":[999],\"shape\":[3]"));
        AssertRefused<InvalidDataException>(path, "tensor 'dense1.bias' lists 'shape' twice");
    }

    [Fact]
    public void W15_huge_headers_cost_what_the_file_holds_and_give_short_messages()
    {
        // A 2,000,000-character tensor name with wrong offsets: the message quotes 60 characters of it.
        string name = new('w', 2_000_000);
        string longName = _temp.File("long-name.safetensors");
        File.WriteAllBytes(longName, Header($"{{\"{name}\":{{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}}}", 8));
        var net = new TinyNet(1);
        var error = Assert.Throws<InvalidDataException>(() => net.LoadWeights(longName));
        Messages.Names(error, longName, "(2,000,000 characters)");
        Assert.True(error.Message.Length < 400 + longName.Length, error.Message.Length.ToString());

        // A header length of 99,999,999 bytes in a 100-byte file is refused before anything that large is allocated.
        string lying = _temp.File("lying-length.safetensors");
        File.WriteAllBytes(lying, [.. BitConverter.GetBytes(99_999_999UL), .. Enumerable.Repeat((byte)'{', 92)]);
        long allocated = Allocations.Of(() => net.LoadWeights(lying));
        Assert.True(allocated < 1 << 20, $"{allocated:N0} bytes allocated");
        AssertRefused<InvalidDataException>(lying, "truncated", "99999999");
    }

    [Fact]
    public void W16_a_fifo_or_an_empty_file_is_refused_without_blocking()
    {
        string fifo = SpecialFiles.Fifo(_temp.File("fifo.safetensors"));
        var net = new TinyNet(1);
        var network = new NetworkSnapshot(net);
        var error = SpecialFiles.ThrownWithin10Seconds(() => net.LoadWeights(fifo));
        Messages.Names(Assert.IsType<InvalidDataException>(error), fifo, "not a regular file");
        network.AssertUnchanged();
        string empty = _temp.File("empty.safetensors");
        File.WriteAllBytes(empty, []);
        AssertRefused<InvalidDataException>(empty, "empty (0 bytes)");
    }

    public static TheoryData<string, float, string> BadStatistics() => new()
    {
        { "bn1.running_var", -0.5f, "a running variance is a finite value ≥ 0" },
        { "bn1.running_var", float.NaN, "a running variance is a finite value ≥ 0" },
        { "bn1.running_mean", float.PositiveInfinity, "a running statistic is finite" },
        { "bn1.num_batches_tracked", 0.5f, "a count of batches is a whole number" },
        { "bn1.num_batches_tracked", -1f, "a count of batches is a whole number" },
    };

    [Theory]
    [MemberData(nameof(BadStatistics))]
    public void W17_batch_norm_statistics_no_network_can_hold(string tensor, float value, string named)
    {
        // Written by another tool (no CnnCompiler metadata, so no checksum to fail): only the values are wrong.
        var source = new TinyBatchNormNet(3);
        var writer = new SafeTensorsWriter().AddMetadata("format", "pt");
        foreach (TensorInfo info in TinyBatchNormNet.Tensors)
        {
            float[] values = info.Values(source).ToArray();
            if (info.Name == tensor) values[0] = value;
            if (info.Name.EndsWith("num_batches_tracked", StringComparison.Ordinal) && float.IsInteger(values[0])) writer.AddInt64(info.Name, info.Shape, [(long)values[0]]);
            else writer.AddFloats(info.Name, info.Shape, values);
        }
        string path = _temp.File("statistics.safetensors");
        writer.Save(path);
        Files.HeaderEdited(path, path, header => header[..header.IndexOf(",\"cnncompiler", StringComparison.Ordinal)] + header[header.IndexOf('}')..]);
        var net = new TinyBatchNormNet(1);
        var network = new NetworkSnapshot(net);
        Messages.Names(Assert.Throws<InvalidDataException>(() => net.LoadWeights(path)), path, $"'{tensor}' holds", named);
        network.AssertUnchanged();
    }

    [Fact]
    public void W18_a_partial_load_names_what_may_stay_initialized()
    {
        string other = _temp.File("other.safetensors");
        new OtherNet(1).SaveWeights(other);
        var net = new TinyNet(1);
        var network = new NetworkSnapshot(net);
        // Not strict, but nothing allowed to be missing: conv1 (shape) and dense1 (absent) would stay random.
        var error = Assert.Throws<InvalidDataException>(() => net.LoadWeights(other, new LoadOptions { Strict = false }));
        Messages.Names(error, other, "4 problems", "conv1.weight", "dense1.weight", "missing tensor", "LoadOptions.AllowMissing", "nothing was loaded");
        network.AssertUnchanged();
        var collision = Assert.Throws<ArgumentException>("options", () => net.LoadWeights(_good, new LoadOptions { Rename = _ => "conv1.weight" }));
        Messages.Names(collision, "maps both", "to 'conv1.weight'");
        network.AssertUnchanged();
        WeightLoadReport report = net.LoadWeights(other, new LoadOptions { Strict = false, AllowMissing = ["conv1", "dense1"] });
        Assert.Equal(["conv1.weight", "conv1.bias"], report.ShapeMismatched.Select(m => m.Name));
        Assert.Equal(["dense1.weight", "dense1.bias"], report.Missing);
        network.AssertWeightsUnchanged();
    }

    private static float[] Weights(string path)
    {
        var net = new TinyNet(2);
        net.LoadWeights(path);
        return net.Parameters.ToArray();
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        int at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' is not in the header");
        return text[..at] + to + text[(at + from.Length)..];
    }

    /// <summary>A safetensors file of the given header and that many zero data bytes.</summary>
    private static byte[] Header(string json, int dataBytes)
    {
        byte[] header = Encoding.UTF8.GetBytes(json);
        return [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. new byte[dataBytes]];
    }
}
