using System.Runtime.CompilerServices;
using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CnnCompiler.Generator.Tests;

/// <summary>
/// One small snapshot per layer kind that runs a runtime kernel: the kernel structs the generator writes for a small
/// network that uses the kind in each of its forms, and the layer classes that forward to them. A change to one kind's
/// emitted code churns only its own snapshot (the whole-network snapshots churn too, and are re-accepted at merge).
/// Run with CNN_ACCEPT_SNAPSHOTS=1 to accept an intended change.
/// </summary>
public sealed class LayerSnapshotTests
{
    /// <summary>Folded into the convolution before it with the ReLU after it fused; after pooling (nothing to fold into) with its own momentum and ε; per feature after a dense layer.</summary>
    [Fact]
    public void BatchNorm_layers_match_the_snapshot() => Verify("BatchNorm", "IBatchNormShape",
        """
        [Network(2, 8, 8)]
        [Conv2D(4, 3, Padding = Padding.Same)]
        [BatchNorm]
        [ReLU]
        [MaxPool2D(2)]
        [BatchNorm(Momentum = 0.2f, Epsilon = 1e-3f)]
        [Flatten]
        [Dense(6)]
        [BatchNorm]
        [Dense(3)]
        [SoftmaxCrossEntropy]
        public partial class BatchNormNet;
        """);

    /// <summary>With the ReLU after it fused, without (a pooling reads it), and with a projected shortcut.</summary>
    [Fact]
    public void Add_layers_match_the_snapshot() => Verify("Add", "IResidualAddShape",
        """
        [Network(4, 6, 6)]
        [Conv2D(4, 3, Padding = Padding.Same, Name = "stem")]
        [ReLU(Name = "a")]
        [Conv2D(4, 3, Padding = Padding.Same)]
        [Add("a")]
        [ReLU(Name = "b")]
        [Conv2D(8, 3, Stride = 2, Padding = Padding.Same)]
        [Add("b", Projection = true)]
        [GlobalAveragePool]
        [Dense(3)]
        [SoftmaxCrossEntropy]
        public partial class AddNet;
        """);

    /// <summary>
    /// Squeeze-and-excitation gates both ways round: the sigmoid's vector times the named feature map, then a feature map
    /// times the named gate (another kernel struct: the gate is the other input).
    /// </summary>
    [Fact]
    public void Multiply_layers_match_the_snapshot() => Verify("Multiply", "IChannelGateShape",
        """
        [Network(4, 6, 6)]
        [Conv2D(4, 3, Padding = Padding.Same, Name = "features")]
        [GlobalAveragePool]
        [Dense(2, Activation = Activation.ReLU)]
        [Dense(4, Activation = Activation.Sigmoid, Name = "gate")]
        [Multiply("features")]
        [Conv2D(4, 3, Padding = Padding.Same)]
        [Multiply("gate")]
        [GlobalAveragePool]
        [Dense(3)]
        [SoftmaxCrossEntropy]
        public partial class MultiplyNet;
        """);

    /// <summary>
    /// Every function as a layer (slope and α as declared and by default), a Hardswish fused into a convolution (a layer
    /// of its own after it, sharing the stand-alone one's kernel), and the identity a final flatten becomes.
    /// </summary>
    [Fact]
    public void Activation_layers_match_the_snapshot() => Verify("Activation", "IActivationShape",
        """
        [Network(1, 4, 4)]
        [Conv2D(2, 3, Padding = Padding.Same)]
        [ReLU]
        [LeakyReLU(0.2f)]
        [LeakyReLU]
        [ELU(0.7f)]
        [GELU]
        [Sigmoid]
        [Tanh]
        [ReLU6]
        [Hardswish]
        [Hardsigmoid]
        [SiLU]
        [Conv2D(2, 3, Padding = Padding.Same, Activation = Activation.Hardswish)]
        [Flatten]
        [SoftmaxCrossEntropy]
        public partial class ActivationNet;
        """);

    /// <summary>Two rates, over a feature map and over a vector.</summary>
    [Fact]
    public void Dropout_layers_match_the_snapshot() => Verify("Dropout", "IDropoutShape",
        """
        [Network(2, 3, 3)]
        [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
        [Dropout(0.5f)]
        [Flatten]
        [Dense(8, Activation = Activation.ReLU)]
        [Dropout(0.2f)]
        [Dense(3)]
        [SoftmaxCrossEntropy]
        public partial class DropoutNet;
        """);

    /// <summary>Global max pooling (with its winners' workspace array) and global average pooling, in two networks.</summary>
    [Fact]
    public void GlobalPool_layers_match_the_snapshot()
    {
        string max = Excerpt("IGlobalPoolShape", "GlobalMaxNet",
            """
            [Network(3, 4, 4)]
            [Conv2D(4, 3, Padding = Padding.Same)]
            [GlobalMaxPool]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class GlobalMaxNet;
            """);
        string average = Excerpt("IGlobalPoolShape", "GlobalAverageNet",
            """
            [Network(3, 4, 4)]
            [Conv2D(4, 3, Padding = Padding.Same)]
            [GlobalAveragePool]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class GlobalAverageNet;
            """);
        SnapshotAssert.Matches("GlobalPool", max + "\n" + average, SnapshotPath("GlobalPool"));
    }

    /// <summary>Nearest and bilinear 2D (uniform and per-axis scales), linear 1D and nearest 3D: one kernel struct each.</summary>
    [Fact]
    public void Upsample_layers_match_the_snapshot()
    {
        string planes = Excerpt("IUpsampleShape", "UpsampleNet",
            """
            [Network(2, 3, 4)]
            [Upsample2D(2)]
            [Conv2D(3, 3, Padding = Padding.Same)]
            [Upsample2D(3, 2, Mode = UpsampleMode.Linear)]
            [Flatten]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class UpsampleNet;
            """);
        string signals = Excerpt("IUpsampleShape", "UpsampleSignalNet",
            """
            [Network(2, 5)]
            [Upsample1D(4, Mode = UpsampleMode.Linear)]
            [Conv1D(2, 3)]
            [Flatten]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class UpsampleSignalNet;
            """);
        string volumes = Excerpt("IUpsampleShape", "UpsampleVolumeNet",
            """
            [Network(1, 2, 2, 3)]
            [Upsample3D(2)]
            [Flatten]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class UpsampleVolumeNet;
            """);
        SnapshotAssert.Matches("Upsample", planes + "\n" + signals + "\n" + volumes, SnapshotPath("Upsample"));
    }

    /// <summary>A view: no kernel, only its header and lengths.</summary>
    [Fact]
    public void Flatten_layers_match_the_snapshot()
    {
        const string declaration =
            """
            [Network(2, 4, 4)]
            [Conv2D(3, 3)]
            [Flatten]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class FlattenNet;
            """;
        SnapshotAssert.Matches("Flatten", Header(declaration) + GeneratedExcerpt.LayersDeclaredAs(Generate(declaration, "FlattenNet"), "Flatten"), SnapshotPath("Flatten"));
    }

    private static void Verify(string kind, string shapeInterface, string declaration)
    {
        string name = declaration[(declaration.LastIndexOf("class ", StringComparison.Ordinal) + 6)..].TrimEnd(';', '\n', ' ');
        SnapshotAssert.Matches(kind, Excerpt(shapeInterface, name, declaration), SnapshotPath(kind));
    }

    /// <summary>The excerpt, headed by the declaration it comes from.</summary>
    private static string Excerpt(string shapeInterface, string name, string declaration) =>
        Header(declaration) + GeneratedExcerpt.KernelAndLayers(Generate(declaration, name), shapeInterface);

    private static string Header(string declaration) => "// " + string.Join("\n// ", declaration.Split('\n')) + "\n\n";

    /// <summary>Generates <paramref name="declaration"/> and asserts that the result compiles cleanly.</summary>
    private static string Generate(string declaration, string name)
    {
        GeneratorResult result = GeneratorHarness.Run("using CnnCompiler;\n\nnamespace Snapshots;\n\n" + declaration + "\n");
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Errors);
        Assert.Empty(result.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return result.GeneratedSource(name + ".g.cs");
    }

    /// <summary>A path one level below the project directory, which SnapshotAssert resolves to Snapshots/ beside it.</summary>
    private static string SnapshotPath(string name, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Snapshots", name + ".cs");
}
