using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CnnCompiler.Generator.Tests;

/// <summary>
/// The generated code of a few networks, committed under Snapshots/ and compared line for line: a change to what the
/// generator writes shows up as a reviewable diff. Run with CNN_ACCEPT_SNAPSHOTS=1 to accept an intended change.
/// </summary>
public sealed class SnapshotTests
{
    /// <summary>The declaration of samples/LeNet/LeNet5.cs, character for character (checked below).</summary>
    public const string LeNet5Declaration =
        """
        // LeNet-5 for 28×28 grayscale images: the whole network is these attributes; the generator writes the rest.
        [Network(1, 28, 28)]
        [Conv2D(6, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
        [MaxPool2D(2)]
        [Conv2D(16, 5, Activation = Activation.ReLU)]
        [MaxPool2D(2)]
        [Dense(120, Activation = Activation.ReLU)]
        [Dense(84, Activation = Activation.ReLU)]
        [Dense(10)]
        [SoftmaxCrossEntropy]
        public partial class LeNet5;
        """;

    private const string LeNet5Source = "using CnnCompiler;\n\nnamespace CnnCompiler.Samples.LeNet;\n\n" + LeNet5Declaration + "\n";

    private const string SignalSource =
        """
        using CnnCompiler;

        namespace CnnCompiler.Samples.Signals;

        // 1D: a strided same-padded convolution (32 → 16, padding 1 before and 2 after), pooling, flatten, two dense layers.
        [Network(2, 32)]
        [Conv1D(4, 5, Stride = 2, Padding = Padding.Same, Activation = Activation.ReLU)]
        [AvgPool1D(2)]
        [Flatten]
        [Dense(8)]
        [Tanh]
        [Dense(3)]
        [SoftmaxCrossEntropy]
        public partial class SignalNet;

        """;

    private const string VolumeSource =
        """
        using CnnCompiler;

        namespace CnnCompiler.Samples.Volumes;

        // 3D: a padded convolution over 4×8×8 volumes, max pooling, and a dense classifier.
        [Network(1, 4, 8, 8)]
        [Conv3D(2, 3, PaddingSize = 1, Activation = Activation.ReLU)]
        [MaxPool3D(2)]
        [Dense(4)]
        [SoftmaxCrossEntropy]
        public partial class VolumeNet;

        """;

    [Fact]
    public void LeNet5_declaration_is_the_samples()
    {
        string sample = File.ReadAllText(Path.Combine(ProjectDirectory(), "..", "..", "samples", "LeNet", "LeNet5.cs")).Replace("\r\n", "\n");
        Assert.Contains(LeNet5Declaration.Replace("\r\n", "\n"), sample, StringComparison.Ordinal);
    }

    [Fact]
    public void LeNet5_generated_code_matches_the_snapshot()
    {
        string source = Generate(LeNet5Source, "CnnCompiler.Samples.LeNet.LeNet5.g.cs");
        Verify("LeNet5", source);
    }

    [Fact]
    public void LeNet5_generated_code_has_a_section_per_layer_in_network_order()
    {
        string source = Generate(LeNet5Source, "CnnCompiler.Samples.LeNet.LeNet5.g.cs");
        string[] headers =
        [
            "// conv1 · Conv2D · 6 filters 5×5, stride 1, padding 2 (same), ReLU",
            "// pool1 · MaxPool2D · window 2×2, stride 2",
            "// conv2 · Conv2D · 16 filters 5×5, stride 1, padding 0, ReLU",
            "// pool2 · MaxPool2D · window 2×2, stride 2",
            "// dense1 · Dense · 120 units, ReLU",
            "// dense2 · Dense · 84 units, ReLU",
            "// dense3 · Dense · 10 units",
        ];
        int previous = -1;
        foreach (string header in headers)
        {
            int at = source.IndexOf(header + "\n", StringComparison.Ordinal);
            Assert.True(at > previous, $"'{header}' is missing or out of order");
            previous = at;
        }
        Assert.Contains("public const int InputLength = 784;", source, StringComparison.Ordinal);
        Assert.Contains("public const int OutputLength = 10;", source, StringComparison.Ordinal);
        Assert.Contains("public const int ParameterCount = 61706;", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Signal_1D_generated_code_matches_the_snapshot()
    {
        Verify("SignalNet", Generate(SignalSource, "CnnCompiler.Samples.Signals.SignalNet.g.cs"));
    }

    [Fact]
    public void Volume_3D_generated_code_matches_the_snapshot()
    {
        Verify("VolumeNet", Generate(VolumeSource, "CnnCompiler.Samples.Volumes.VolumeNet.g.cs"));
    }

    /// <summary>ResNet-20 exactly as samples/Architectures declares it: BasicBlocks, projections, folded BatchNorms, residual wiring.</summary>
    [Fact]
    public void ResNet20_generated_code_matches_the_snapshot()
    {
        string declaration = File.ReadAllText(Path.Combine(ProjectDirectory(), "..", "..", "samples", "Architectures", "Networks", "ResNet20.cs")).Replace("\r\n", "\n");
        Verify("ResNet20", Generate("using CnnCompiler;\n\n" + declaration, "CnnCompiler.Samples.Architectures.ResNet20.g.cs"));
    }

    /// <summary>The text Summary() returns at run time, from the compiled network: the table and its string escaping.</summary>
    [Fact]
    public void LeNet5_summary_matches_the_snapshot()
    {
        GeneratorResult result = GeneratorHarness.Run(LeNet5Source);
        Assert.Empty(result.Errors);
        var context = new AssemblyLoadContext("LeNet5Summary", isCollectible: true);
        try
        {
            using var image = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult emitted = result.Output.Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            image.Position = 0;
            Assembly assembly = context.LoadFromStream(image);
            Type network = assembly.GetType("CnnCompiler.Samples.LeNet.LeNet5", throwOnError: true)!;
            string summary = Assert.IsType<string>(network.GetMethod("Summary", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes)!.Invoke(null, null));

            Assert.StartsWith("Model: LeNet5\n", summary, StringComparison.Ordinal);
            Assert.Contains("Total params: 61,706", summary, StringComparison.Ordinal);
            Verify("LeNet5.Summary", summary + "\n");
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        Assert.Equal(Generate(LeNet5Source, "LeNet5.g.cs"), Generate(LeNet5Source, "LeNet5.g.cs"));
    }

    /// <summary>Runs the generator, asserts the result compiles cleanly, and returns the one generated source.</summary>
    private static string Generate(string source, string hintName)
    {
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Errors);
        Assert.Empty(result.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return result.GeneratedSource(hintName);
    }

    /// <summary>
    /// SnapshotAssert finds Snapshots/ next to the directory of its caller's file, so it is given a path one level down
    /// (this file lives in the project directory itself).
    /// </summary>
    private static void Verify(string name, string text) =>
        SnapshotAssert.Matches(name, text, Path.Combine(ProjectDirectory(), "Snapshots", name + ".cs"));

    private static string ProjectDirectory([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;
}
