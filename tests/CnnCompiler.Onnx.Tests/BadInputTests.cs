using CnnCompiler.OnnxFormat.Protobuf;
using CnnCompiler.OnnxTests.Networks;
using CnnCompiler.OnnxTests.Support;
using CnnCompiler.Tool;
using Google.Protobuf;

namespace CnnCompiler.OnnxTests;

/// <summary>The ONNX rows (X1–X10) of docs/bad-input.md: each bad input gets a clear error naming the file or node, and nothing is written.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cnn-onnx-bad-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Out => Path.Combine(_directory, "out");

    private static byte[] LeNetModel => File.ReadAllBytes(ImportedNetworks.VectorPath("lenet5.onnx"));

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private T Refused<T>(string model) where T : Exception
    {
        var error = Assert.Throws<T>(() => OnnxImporter.Import(model, "Net", "Ns").WriteTo(Out));
        Assert.False(Directory.Exists(Out), "nothing may be written");
        return error;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(1000)]
    [InlineData(-1)]
    public void X1_truncated_onnx_files_are_InvalidDataException_naming_the_file(int length)
    {
        byte[] model = LeNetModel;
        string path = Write("cut.onnx", model[..(length < 0 ? model.Length - 1 : length)]);
        var error = Refused<InvalidDataException>(path);
        Assert.Contains("cut.onnx", error.Message);
        Assert.Matches("empty|truncated|not a valid ONNX|no graph", error.Message);
    }

    [Fact]
    public void X2_a_file_that_is_not_ONNX_is_InvalidDataException()
    {
        string text = Write("notes.onnx", System.Text.Encoding.UTF8.GetBytes("this is a text file, not a model\n"));
        Assert.Contains("notes.onnx", Refused<InvalidDataException>(text).Message);
        // A valid protobuf message that holds no graph.
        string empty = Write("empty-model.onnx", new ModelProto { IrVersion = 8, ProducerName = "x" }.ToByteArray());
        Assert.Contains("no graph", Refused<InvalidDataException>(empty).Message);
    }

    [Fact]
    public void X3_corrupt_weights_are_InvalidDataException_naming_the_tensor()
    {
        ModelProto model = ModelProto.Parser.ParseFrom(LeNetModel);
        TensorProto weight = model.Graph.Initializer.First(t => t.Name == "conv2.weight");
        weight.RawData = ByteString.CopyFrom(weight.RawData.Span[..^4]);
        var error = Refused<InvalidDataException>(Write("short.onnx", model.ToByteArray()));
        Assert.Contains("conv2.weight", error.Message);
        Assert.Contains("bytes", error.Message);
    }

    [Fact]
    public void X4_unsupported_ops_are_listed_all_at_once_with_op_type_and_name()
    {
        // torch.onnx's model concatenates and resizes; its Resize (nearest by 2) imports as Upsample2D, so it is turned
        // into the Upsample op older exporters wrote, which has no layer: two unsupported nodes, listed at once.
        ModelProto model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ImportedNetworks.VectorPath("unsupported.onnx")));
        model.Graph.Node.Single(n => n.Name == "/up/Resize").OpType = "Upsample";
        var error = Refused<NotSupportedException>(Write("unsupported.onnx", model.ToByteArray()));
        Assert.Contains("2 nodes", error.Message);
        Assert.Contains("Concat node '/Concat'", error.Message);
        Assert.Contains("Upsample node '/up/Resize'", error.Message);
    }

    [Fact]
    public void X5_unsupported_patterns_and_shapes_name_the_node_and_why()
    {
        ModelProto grouped = ModelProto.Parser.ParseFrom(LeNetModel);
        grouped.Graph.Node.First(n => n.OpType == "Conv").Attribute.First(a => a.Name == "group").I = 2;
        var error = Refused<NotSupportedException>(Write("grouped.onnx", grouped.ToByteArray()));
        Assert.Contains("Conv node '/conv1/Conv'", error.Message);
        Assert.Contains("grouped convolutions (group = 2)", error.Message);

        ModelProto dynamic = ModelProto.Parser.ParseFrom(LeNetModel);
        dynamic.Graph.Input[0].Type.TensorType.Shape.Dim[2].DimParam = "height";
        Assert.Contains("no fixed size", Refused<NotSupportedException>(Write("dynamic.onnx", dynamic.ToByteArray())).Message);

        // A branch that is not a residual add: the second conv reads the network's input instead of the layer before it.
        ModelProto branch = ModelProto.Parser.ParseFrom(LeNetModel);
        NodeProto conv2 = branch.Graph.Node.First(n => n.Name == "/conv2/Conv");
        conv2.Input[0] = "input";
        error = Refused<NotSupportedException>(Write("branch.onnx", branch.ToByteArray()));
        Assert.Contains("/conv2/Conv", error.Message);
    }

    [Fact]
    public void X6_a_failed_import_leaves_existing_files_untouched()
    {
        Directory.CreateDirectory(Out);
        string code = Path.Combine(Out, "Net.cs");
        File.WriteAllText(code, "old");
        Assert.Throws<NotSupportedException>(() => OnnxImporter.Import(ImportedNetworks.VectorPath("unsupported.onnx"), "Net").WriteTo(Out));
        Assert.Equal("old", File.ReadAllText(code));
        Assert.Equal(["Net.cs"], Directory.GetFiles(Out).Select(Path.GetFileName));
    }

    [Fact]
    public void X7_the_command_line_reports_errors_with_exit_codes_and_writes_nothing()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(2, Cli.Run(["import", ImportedNetworks.VectorPath("lenet5.onnx")], output, error));
        Assert.Contains("--class is required", error.ToString());
        Assert.Equal(2, Cli.Run(["export"], output, error = new StringWriter()));
        Assert.Contains("unknown command 'export'", error.ToString());
        Assert.Equal(1, Cli.Run(["import", ImportedNetworks.VectorPath("unsupported.onnx"), "--class", "Net", "--out", Out], output, error = new StringWriter()));
        Assert.Contains("Concat node '/Concat'", error.ToString());
        Assert.Equal(1, Cli.Run(["import", ImportedNetworks.VectorPath("lenet5.onnx"), "--class", "class", "--out", Out], output, error = new StringWriter()));
        Assert.Contains("not a valid C# class name", error.ToString());
        Assert.Equal(1, Cli.Run(["import", Path.Combine(_directory, "missing.onnx"), "--class", "Net", "--out", Out], output, error = new StringWriter()));
        Assert.Contains("missing.onnx", error.ToString());
        Assert.False(Directory.Exists(Out));
        Assert.Equal(1, Cli.Run(["import", ImportedNetworks.VectorPath("mixed.onnx"), "--class", "Net", "--loss", "MeanSquaredError", "--out", Out], output, error = new StringWriter()));
        Assert.Contains("ends with a Sigmoid", error.ToString());
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void X8_a_layer_the_exporter_cannot_write_is_NotSupportedException_naming_it_and_no_file_is_left()
    {
        string path = Path.Combine(_directory, "net.onnx");
        File.WriteAllText(path, "old");
        var network = new HandWrittenNetwork(new LayerInfo("mystery", "Mystery2D", [4], 0, 0) { Inputs = [-1] });
        var error = Assert.Throws<NotSupportedException>(() => network.ExportOnnx(path));
        Assert.Contains("layer 'mystery' (Mystery2D)", error.Message);
        Assert.Contains("no form for the layer kind 'Mystery2D'", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["net.onnx"], Directory.GetFiles(_directory).Select(Path.GetFileName));

        // A table written by hand states no inputs or settings.
        var bare = new HandWrittenNetwork(new LayerInfo("dense1", "Dense", [4], 20, 32));
        Assert.Contains("lists no inputs", Assert.Throws<NotSupportedException>(() => Onnx.Export(bare, new MemoryStream())).Message);
        var noSettings = new HandWrittenNetwork(new LayerInfo("relu1", "ReLU", [5], 0, 0) { Inputs = [-1] });
        error = Assert.Throws<NotSupportedException>(() => Onnx.Export(noSettings, new MemoryStream()));
        Assert.Contains("layer 'relu1' (ReLU)", error.Message);
        Assert.Contains("no setting 'activation'", error.Message);
    }

    [Fact]
    public void X10_a_Mul_that_is_no_per_channel_gate_is_refused_naming_the_shapes()
    {
        var stream = new MemoryStream();
        Onnx.Export(new SqueezeExciteNet(seed: 12), stream);

        // The gate's Unsqueeze skipped: N×6 against N×6×8×8 would broadcast along the width in ONNX, not per channel.
        ModelProto model = ModelProto.Parser.ParseFrom(stream.ToArray());
        NodeProto unsqueeze = model.Graph.Node.First(n => n.OpType == "Unsqueeze");
        NodeProto mul = model.Graph.Node.Single(n => n.OpType == "Mul" && n.Input.Contains(unsqueeze.Output[0]));
        mul.Input[mul.Input.IndexOf(unsqueeze.Output[0])] = unsqueeze.Input[0];
        model.Graph.Node.Remove(unsqueeze);
        var error = Refused<NotSupportedException>(Write("ungated.onnx", model.ToByteArray()));
        Assert.Contains($"Mul node '{mul.Name}'", error.Message);
        Assert.Contains("it multiplies 6 by 6×8×8; only a per-channel gate (C×1×… against C×…) is imported", error.Message);

        // Two feature maps: neither is one value per channel.
        model = ModelProto.Parser.ParseFrom(stream.ToArray());
        NodeProto last = model.Graph.Node.Last(n => n.OpType == "Mul");
        last.Input[0] = last.Input[1];
        error = Refused<NotSupportedException>(Write("squared.onnx", model.ToByteArray()));
        Assert.Contains($"Mul node '{last.Name}'", error.Message);
    }

    [Fact]
    public void X9_null_and_empty_arguments_are_ArgumentException()
    {
        Assert.Throws<ArgumentNullException>(() => Onnx.Export(null!, new MemoryStream()));
        Assert.Throws<ArgumentNullException>(() => Onnx.Export(new LeNet5(), (Stream)null!));
        Assert.Throws<ArgumentException>(() => new LeNet5().ExportOnnx(""));
        Assert.Throws<ArgumentException>(() => OnnxImporter.Import(ImportedNetworks.VectorPath("lenet5.onnx"), "2Net"));
        Assert.Throws<ArgumentException>(() => OnnxImporter.Import(ImportedNetworks.VectorPath("lenet5.onnx"), "Net", "My..Space"));
        Assert.Throws<ArgumentException>(() => OnnxImporter.Import(ImportedNetworks.VectorPath("lenet5.onnx"), "Net", loss: "Hinge"));
    }
}
