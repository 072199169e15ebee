using CnnCompiler.OnnxTests.Networks;
using CnnCompiler.OnnxTests.Support;
using CnnCompiler.Samples.Architectures;

namespace CnnCompiler.OnnxTests;

/// <summary>
/// Every kind of network, exported and run in ONNX Runtime on the same batch as Predict and PredictLogits: the outputs
/// agree within 1e-5 (relative, as the PyTorch parity tests measure), for a batch of 3 and for one sample (the batch axis
/// is symbolic), and the model's initializers are the network's state_dict tensors.
/// </summary>
public sealed class ExportTests(ITestOutputHelper output)
{
    public const double Tolerance = 1e-5;

    public static TheoryData<string> Networks => [.. Factories.Keys];

    internal static readonly Dictionary<string, Func<INetwork>> Factories = new()
    {
        ["LeNet5"] = () => new LeNet5(seed: 1),
        ["VggSmall"] = () => new VggSmall(seed: 2),
        ["ResNet20"] = () => new ResNet20(seed: 3),
        ["SignalNet (Conv1D)"] = () => new SignalNet(seed: 4),
        ["ClipNet (Conv3D)"] = () => new ClipNet(seed: 5),
        ["ResidualNet (BatchNorm, residual, every activation)"] = () => new ResidualNet(seed: 6),
        ["SigmoidNet (3D average pooling, sigmoid)"] = () => new SigmoidNet(seed: 7),
        ["RegressionNet (1D, raw outputs)"] = () => new RegressionNet(seed: 8),
        ["UpsampleNet (nearest, bilinear)"] = () => new UpsampleNet(seed: 9),
        ["UpsampleVolumeNet (trilinear, 3D nearest)"] = () => new UpsampleVolumeNet(seed: 10),
        ["ModernActivationNet (ReLU6, Hardswish, Hardsigmoid, SiLU; fused and stand-alone)"] = () => new ModernActivationNet(seed: 11),
        ["SqueezeExciteNet (Multiply gates: unsqueezed vector, named gate, C×1×1)"] = () => new SqueezeExciteNet(seed: 12),
    };

    /// <summary>A network with random BatchNorm statistics and biases, so that nothing in the comparison is an identity.</summary>
    internal static INetwork Create(string name)
    {
        INetwork network = Factories[name]();
        TestData.RandomizeNormalization(network, seed: name.Length);
        return network;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ONNX_Runtime_gives_the_outputs_of_Predict_and_PredictLogits(string name)
    {
        INetwork network = Create(name);
        var stream = new MemoryStream();
        Onnx.Export(network, stream);
        byte[] model = stream.ToArray();
        // For onnx.checker: CNN_ONNX_EXPORT_DIR=DIR dotnet test …, then /usr/bin/python3 tools/onnx_export.py --check DIR.
        if (Environment.GetEnvironmentVariable("CNN_ONNX_EXPORT_DIR") is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, new string([.. name.TakeWhile(c => c != ' ')]) + ".onnx"), model);
        }

        foreach (int count in new[] { 3, 1 })
        {
            float[] inputs = TestData.Uniform(count * network.InputLength, seed: 100 + count);
            var expected = new float[count * network.OutputLength];
            var logits = new float[count * network.OutputLength];
            network.Predict(inputs, expected);
            network.PredictLogits(inputs, logits);

            Dictionary<string, float[]> results = OnnxRuntimeRunner.Run(model, inputs, count, network.InputShape);
            string raw = network.OutputFunction == OutputFunction.Identity ? "output" : "logits";
            double logitError = TestData.MaxRelativeError(results[raw], logits);
            output.WriteLine($"{name}, batch {count}: {raw} max relative error {logitError:E2}");
            Assert.True(logitError <= Tolerance, $"{raw}: {logitError:E2}");
            if (network.OutputFunction != OutputFunction.Identity)
            {
                double error = TestData.MaxRelativeError(results["probabilities"], expected);
                output.WriteLine($"{name}, batch {count}: probabilities max relative error {error:E2}");
                Assert.True(error <= Tolerance, $"probabilities: {error:E2}");
            }
            else
            {
                Assert.Equal(logits, expected);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Initializers_are_the_state_dict_tensors_and_outputs_are_named(string name)
    {
        INetwork network = Create(name);
        var stream = new MemoryStream();
        Onnx.Export(network, stream);
        var model = OnnxFormat.Protobuf.ModelProto.Parser.ParseFrom(stream.ToArray());

        Assert.Equal(17, model.OpsetImport.Single(o => o.Domain == "").Version);
        Assert.Equal("batch", model.Graph.Input.Single().Type.TensorType.Shape.Dim[0].DimParam);
        string[] outputs = [.. model.Graph.Output.Select(o => o.Name)];
        Assert.Equal(network.OutputFunction == OutputFunction.Identity ? ["output"] : ["probabilities", "logits"], outputs);

        // Besides the state_dict: GELU's constants, ReLU6's bounds, Resize's scales and a gate's Unsqueeze axes, under
        // prefixes no layer name can take.
        string[] constants = ["gelu.", "relu6.", "resize.", "unsqueeze."];
        var initializers = model.Graph.Initializer.Where(t => !constants.Any(prefix => t.Name.StartsWith(prefix, StringComparison.Ordinal))).ToDictionary(t => t.Name);
        string[] expectedNames = [.. network.Tensors.Where(t => !t.Name.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).Select(t => t.Name)];
        Assert.Equal(expectedNames.Order(StringComparer.Ordinal), initializers.Keys.Order(StringComparer.Ordinal));
        foreach (TensorInfo tensor in network.Tensors.Where(t => initializers.ContainsKey(t.Name)))
        {
            var proto = initializers[tensor.Name];
            Assert.Equal(tensor.Shape.Select(d => (long)d), proto.Dims);
            Assert.Equal(tensor.Values(network).ToArray(), System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(proto.RawData.Span).ToArray());
        }
    }

    [Fact]
    public void ExportOnnx_writes_the_file_that_Export_writes_to_a_stream()
    {
        INetwork network = Create("LeNet5");
        string directory = Directory.CreateTempSubdirectory("cnn-onnx-").FullName;
        try
        {
            string path = Path.Combine(directory, "lenet.onnx");
            network.ExportOnnx(path);
            var stream = new MemoryStream();
            Onnx.Export(network, stream);
            Assert.Equal(stream.ToArray(), File.ReadAllBytes(path));
            Assert.Equal(["lenet.onnx"], Directory.GetFiles(directory).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
