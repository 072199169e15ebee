using System.Reflection;
using CnnCompiler.Tool;

namespace CnnCompiler.OnnxTests.Support;

/// <summary>
/// Every import the tests use, made once: the PyTorch models under Vectors/ and the export of every export-test network,
/// each imported with the cnncompiler command into a temporary folder. The declarations are compiled together in one
/// generator run and each network is created and loaded with its imported weights on demand, except the ones whose
/// generated code is large (VGG-small and ResNet-20 are megabytes: over two minutes of C# compilation on two cores;
/// LeNet-5 is 190 KB): their imported declarations are compared line by line with the attributes of an already compiled
/// class, which then loads the imported weights (<see cref="Equivalents"/>).
/// </summary>
public sealed class ImportedNetworks : IDisposable
{
    public const string Namespace = "Imported.Networks";

    /// <summary>The PyTorch vectors (tools/onnx_export.py): case name → class name.</summary>
    public static readonly string[] PyTorchCases = ["lenet5", "resnet20", "mixed"];

    /// <summary>Imports not compiled here, by class name: the compiled class their declaration matches.</summary>
    public static readonly Dictionary<string, Func<INetwork>> Equivalents = new()
    {
        [PyTorchClass("resnet20")] = () => new Samples.Architectures.ResNet20(),
        [PyTorchClass("lenet5")] = () => new Networks.LeNet5(),
        [RoundTripClass(ExportTests.Factories.Keys.ToList().IndexOf("LeNet5"))] = () => new Networks.LeNet5(),
        [RoundTripClass(ExportTests.Factories.Keys.ToList().IndexOf("ResNet20"))] = () => new Samples.Architectures.ResNet20(),
        [RoundTripClass(ExportTests.Factories.Keys.ToList().IndexOf("VggSmall"))] = () => new Samples.Architectures.VggSmall(),
    };

    private readonly Assembly _assembly;

    public ImportedNetworks()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("cnn-onnx-import-").FullName;
        var sources = new List<string>();
        foreach (string name in PyTorchCases) sources.Add(Import(VectorPath(name + ".onnx"), PyTorchClass(name)));
        foreach (var (name, index) in ExportTests.Factories.Keys.Select((n, i) => (n, i)))
        {
            string model = Path.Combine(Directory, $"export{index}.onnx");
            ExportTests.Create(name).ExportOnnx(model);
            sources.Add(Import(model, RoundTripClass(index)));
        }
        sources.RemoveAll(source => Equivalents.Keys.Any(name => source.Contains($"public partial class {name};", StringComparison.Ordinal)));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        _assembly = DeclarationCompiler.Compile(sources);
        CompileSeconds = watch.Elapsed.TotalSeconds;
    }

    /// <summary>Where the imports were written.</summary>
    public string Directory { get; }

    public double CompileSeconds { get; }

    public static string VectorPath(string file) => Path.Combine(AppContext.BaseDirectory, "Vectors", file);

    public static string PyTorchClass(string name) => "PyTorch_" + name;

    public static string RoundTripClass(int index) => "RoundTrip" + index;

    /// <summary>The imported network <paramref name="className"/> (or its compiled equivalent), created and loaded with its imported weights.</summary>
    public INetwork Load(string className)
    {
        INetwork network;
        if (Equivalents.TryGetValue(className, out var equivalent))
        {
            network = equivalent();
        }
        else
        {
            Type type = _assembly.GetType($"{Namespace}.{className}") ?? throw new InvalidOperationException($"{className} was not compiled.");
            network = (INetwork)Activator.CreateInstance(type, 0)!;
        }
        network.LoadWeights(Path.Combine(Directory, className + ".safetensors"));
        return network;
    }

    public string Declaration(string className) => File.ReadAllText(Path.Combine(Directory, className + ".cs"));

    /// <summary>The attribute lines of a declaration, from [Network] to the loss.</summary>
    public string[] Attributes(string className) => [.. Declaration(className).Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('['))];

    private string Import(string model, string className)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = Cli.Run(["import", model, "--class", className, "--namespace", Namespace, "--out", Directory], output, error);
        if (exit != 0) throw new InvalidOperationException($"cnncompiler import {Path.GetFileName(model)} exited with {exit}: {error}");
        return File.ReadAllText(Path.Combine(Directory, className + ".cs"));
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class ImportedNetworksCollection : ICollectionFixture<ImportedNetworks>
{
    public const string Name = "Imported networks";
}
