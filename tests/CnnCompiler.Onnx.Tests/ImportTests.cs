using CnnCompiler.OnnxTests.Support;

namespace CnnCompiler.OnnxTests;

/// <summary>
/// Export → `cnncompiler import` → compile the declaration with the generator → LoadWeights: the imported network
/// gives the original's outputs, bitwise. And PyTorch models exported with torch.onnx.export (tools/onnx_export.py)
/// import and give the outputs PyTorch saved.
/// </summary>
[Collection(ImportedNetworksCollection.Name)]
public sealed class ImportTests(ImportedNetworks imports, ITestOutputHelper output)
{
    public static TheoryData<int> RoundTrips => [.. Enumerable.Range(0, ExportTests.Factories.Count)];

    public static TheoryData<string> PyTorchCases => [.. ImportedNetworks.PyTorchCases];

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void Export_import_declare_load_gives_identical_outputs(int index)
    {
        string name = ExportTests.Factories.Keys.ElementAt(index);
        INetwork original = ExportTests.Create(name);
        INetwork imported = imports.Load(ImportedNetworks.RoundTripClass(index));
        output.WriteLine($"{name} (compiled with the other imports in {imports.CompileSeconds:F1} s):\n{imports.Declaration(ImportedNetworks.RoundTripClass(index))}");

        Assert.Equal(original.OutputFunction, imported.OutputFunction);
        Assert.Equal(original.InputShape.ToArray(), imported.InputShape.ToArray());
        int count = 3;
        float[] inputs = TestData.Uniform(count * original.InputLength, seed: 7);
        var expected = new float[count * original.OutputLength];
        var actual = new float[expected.Length];
        original.Predict(inputs, expected);
        imported.Predict(inputs, actual);
        Assert.Equal(expected, actual);
        original.PredictLogits(inputs, expected);
        imported.PredictLogits(inputs, actual);
        Assert.Equal(expected, actual);
    }

    /// <summary>samples/Architectures/Networks/ResNet20.cs as an import writes it (conv1 and bn1 are the generated names).</summary>
    internal static readonly string[] ResNet20Attributes =
    [
        "[Network(3, 32, 32)]", "[Conv2D(16, 3, PaddingSize = 1, UseBias = false)]", "[BatchNorm]", "[ReLU]",
        "[BasicBlock(16, Name = \"layer1.0\")]", "[BasicBlock(16, Name = \"layer1.1\")]", "[BasicBlock(16, Name = \"layer1.2\")]",
        "[BasicBlock(32, Stride = 2, Name = \"layer2.0\")]", "[BasicBlock(32, Name = \"layer2.1\")]", "[BasicBlock(32, Name = \"layer2.2\")]",
        "[BasicBlock(64, Stride = 2, Name = \"layer3.0\")]", "[BasicBlock(64, Name = \"layer3.1\")]", "[BasicBlock(64, Name = \"layer3.2\")]",
        "[GlobalAveragePool]", "[Dense(10, Name = \"fc\")]", "[SoftmaxCrossEntropy]",
    ];

    /// <summary>samples/Architectures/Networks/VggSmall.cs as an import writes it (a 3×3 "same" padding is PaddingSize = 1).</summary>
    internal static readonly string[] VggSmallAttributes =
    [
        "[Network(3, 32, 32)]",
        .. new[] { 64, 64, 0, 128, 128, 0, 256, 256, 0 }.SelectMany<int, string>(filters => filters == 0 ? ["[MaxPool2D(2)]"] : [$"[Conv2D({filters}, 3, PaddingSize = 1)]", "[BatchNorm]", "[ReLU]"]),
        "[GlobalAveragePool]", "[Dense(10)]", "[SoftmaxCrossEntropy]",
    ];

    /// <summary>Networks/ExportNetworks.cs' LeNet5 (and tools/pytorch_lenet_train.py's) as an import writes it.</summary>
    internal static readonly string[] LeNet5Attributes =
    [
        "[Network(1, 28, 28)]", "[Conv2D(6, 5, PaddingSize = 2, Activation = Activation.ReLU)]", "[MaxPool2D(2)]",
        "[Conv2D(16, 5, Activation = Activation.ReLU)]", "[MaxPool2D(2)]", "[Dense(120, Activation = Activation.ReLU)]",
        "[Dense(84, Activation = Activation.ReLU)]", "[Dense(10)]", "[SoftmaxCrossEntropy]",
    ];

    [Theory]
    [InlineData("ResNet20")]
    [InlineData("VggSmall")]
    [InlineData("LeNet5")]
    public void Large_round_trips_declare_the_original_attributes(string name)
    {
        // Their generated code takes long to compile here, so the declaration is compared with the original's
        // attributes and the original class loads the imported weights (Export_import_declare_load_gives_identical_outputs).
        int index = ExportTests.Factories.Keys.ToList().IndexOf(name);
        string[] expected = name switch { "ResNet20" => ResNet20Attributes, "VggSmall" => VggSmallAttributes, _ => LeNet5Attributes };
        Assert.Equal(expected, imports.Attributes(ImportedNetworks.RoundTripClass(index)));
    }

    [Fact]
    public void The_PyTorch_LeNet5_declares_LeNet5_on_raw_outputs()
    {
        string[] expected = [.. LeNet5Attributes.Select(line => line == "[SoftmaxCrossEntropy]" ? "[MeanSquaredError]" : line)];
        Assert.Equal(expected, imports.Attributes(ImportedNetworks.PyTorchClass("lenet5")));
    }

    [Theory]
    [MemberData(nameof(PyTorchCases))]
    public void PyTorch_models_import_with_the_outputs_PyTorch_saved(string name)
    {
        SafeTensorsFile vectors = SafeTensors.Read(ImportedNetworks.VectorPath(name + ".safetensors"));
        float[] inputs = Floats(vectors, "input");
        float[] expected = Floats(vectors, "output");
        INetwork network = imports.Load(ImportedNetworks.PyTorchClass(name));
        output.WriteLine(imports.Declaration(ImportedNetworks.PyTorchClass(name)));
        var actual = new float[expected.Length];
        // Predict of the imported declaration is the model's output (raw, or after its final sigmoid); the ResNet-20
        // runs through the samples' class, whose softmax the model does not have: its logits are the model's output.
        if (ImportedNetworks.Equivalents.ContainsKey(ImportedNetworks.PyTorchClass(name))) network.PredictLogits(inputs, actual);
        else network.Predict(inputs, actual);
        double error = TestData.MaxRelativeError(actual, expected);
        output.WriteLine($"{name}: max relative error against PyTorch {error:E2}");
        Assert.True(error <= ExportTests.Tolerance, $"{error:E2}");
    }

    private static float[] Floats(SafeTensorsFile file, string name)
    {
        SafeTensorInfo tensor = file.GetTensor(name);
        var values = new float[(int)tensor.ElementCount];
        file.ReadFloats(tensor, values);
        return values;
    }

    [Fact]
    public void The_PyTorch_ResNet20_becomes_basic_blocks_with_torchvision_names()
    {
        // The samples' ResNet20 with PyTorch's module names for the stem's ReLU and the pooling, and raw outputs
        // (the model returns logits): the layers the PyTorch test runs through the sample class.
        string[] expected = [.. ResNet20Attributes.Select(line => line switch
        {
            "[ReLU]" => "[ReLU(Name = \"relu\")]",
            "[GlobalAveragePool]" => "[GlobalAveragePool(Name = \"avgpool\")]",
            "[SoftmaxCrossEntropy]" => "[MeanSquaredError]",
            _ => line,
        })];
        Assert.Equal(expected, imports.Attributes(ImportedNetworks.PyTorchClass("resnet20")));
        INetwork network = imports.Load(ImportedNetworks.PyTorchClass("resnet20"));
        Assert.Equal(272_474, network.ParameterCount);
        Assert.Contains(network.Tensors, t => t.Name == "layer2.0.downsample.1.running_var");
    }
}
