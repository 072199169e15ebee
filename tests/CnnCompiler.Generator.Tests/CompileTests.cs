using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CnnCompiler.Generator.Tests;

/// <summary>
/// Valid declarations of every layer kind and option: each generates one source that compiles with the user's code
/// without a single error or warning, and whose constants hold the sizes worked out by hand here.
/// </summary>
public sealed class CompileTests
{
    /// <summary>A valid declaration and the sizes it must compile to.</summary>
    public sealed record Case(string Name, string Source, string TypeName, int InputLength, int OutputLength, int ParameterCount)
    {
        public override string ToString() => Name;
    }

    private const string Header = "using CnnCompiler;\n\n";

    public static TheoryData<Case> Cases => new(All);

    private static readonly Case[] All =
    [
        // LeNet-5 as samples/LeNet declares it: 156 + 2,416 + 48,120 + 10,164 + 850.
        new("LeNet-5", Header + "namespace Tests;\n\n" + SnapshotTests.LeNet5Declaration, "Tests.LeNet5", 784, 10, 61706),

        // 3×32×32 → conv 3×5 kernel, stride 2, padding 1×2, no bias: H = (32 + 2 − 3) / 2 + 1 = 15 + 1 = 16,
        // W = (32 + 4 − 5) / 2 + 1 = 16; weights 8·3·3·5 = 360. Dense 8·16·16 = 2,048 → 10: 20,490.
        new("Conv2D rectangular kernel, stride 2, explicit padding, no bias", Header + """
            namespace Tests;

            [Network(3, 32, 32)]
            [Conv2D(8, 3, 5, Stride = 2, PaddingHeight = 1, PaddingWidth = 2, UseBias = false, Activation = Activation.ReLU)]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class RectangularConv;
            """, "Tests.RectangularConv", 3072, 10, 20850),

        // A same-padded convolution with stride 2: 28 → ceil(28 / 2) = 14 (40); per-axis strides with a 4×1 kernel:
        // (14 − 4) / 2 + 1 = 6 by 14 (6·4·4 + 6 = 102); dense 6·6·14 → 10.
        new("Conv2D per-axis stride, same padding with stride", Header + """
            namespace Tests;

            [Network(1, 28, 28)]
            [Conv2D(4, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.Sigmoid)]
            [Conv2D(6, 4, 1, StrideHeight = 2, StrideWidth = 1)]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class StridedConv;
            """, "Tests.StridedConv", 784, 10, 40 + 102 + 6 * 6 * 14 * 10 + 10),

        // Same conv 4×28×28 (40), avg pool 3, stride 2, padding 1: (28 + 2 − 3) / 2 + 1 = 14; max pool 3×2, stride 1, padding 1:
        // 14 by (14 + 2 − 2) + 1 = 15 → 4·14·15 = 840 → 10: 8,410.
        new("AvgPool2D with PaddingSize", Header + """
            namespace Tests;

            [Network(1, 28, 28)]
            [Conv2D(4, 3, Padding = Padding.Same)]
            [AvgPool2D(3, Stride = 2, PaddingSize = 1)]
            [MaxPool2D(3, 2, StrideHeight = 1, StrideWidth = 1, PaddingSize = 1)]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class PaddedPooling;
            """, "Tests.PaddedPooling", 784, 10, 40 + 8410),

        // Average pools that leave padding out of the divisor: 9 → (9 + 2 − 3) / 2 + 1 = 5, then 2×5 → 3 (33);
        // 3D: 4×5×6 → (4 + 2 − 3) / 1 + 1 = 4, 3, (6 + 2 − 3) / 2 + 1 = 3 per channel, 3·4·3·3 = 108 → 2 (218).
        new("AvgPool1D with CountIncludePad = false", Header + """
            namespace Tests;

            [Network(2, 9)]
            [AvgPool1D(3, Stride = 2, PaddingSize = 1, CountIncludePad = false)]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class MeanOfInputs1D;
            """, "Tests.MeanOfInputs1D", 18, 3, 33),
        new("AvgPool3D with CountIncludePad = false", Header + """
            namespace Tests;

            [Network(3, 4, 5, 6)]
            [AvgPool3D(3, StrideDepth = 1, StrideHeight = 2, StrideWidth = 2, PaddingSize = 1, CountIncludePad = false)]
            [Dense(2)]
            [SoftmaxCrossEntropy]
            public partial class MeanOfInputs3D;
            """, "Tests.MeanOfInputs3D", 360, 2, 218),

        // Flatten 2·8·8 = 128 → 32 (4,128) → 16 (528) → 8 (136) → 3 (27), each with its own activation layer.
        new("Standalone ReLU, Sigmoid, Tanh and Flatten", Header + """
            namespace Tests;

            [Network(2, 8, 8)]
            [Flatten]
            [Dense(32)]
            [ReLU]
            [Dense(16)]
            [Sigmoid]
            [Dense(8)]
            [Tanh]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class StandaloneActivations;
            """, "Tests.StandaloneActivations", 128, 3, 4819),

        // Activations straight on the input, and Flatten between a pooling and a dense layer.
        new("Activation first, Flatten after pooling", Header + """
            namespace Tests;

            [Network(3, 6, 6)]
            [Tanh]
            [MaxPool2D(2)]
            [Flatten]
            [Sigmoid]
            [Dense(4, UseBias = false)]
            [SoftmaxCrossEntropy]
            public partial class ActivationFirst;
            """, "Tests.ActivationFirst", 108, 4, 27 * 4),

        // 2×64 → same conv 1D (8·2·5 + 8 = 88) → 8×64 → max pool 2 → 8×32 → avg pool 2, padding 1 → 8×17 → 4 (8·17·4 + 4 = 548).
        new("Conv1D, MaxPool1D, AvgPool1D", Header + """
            namespace Tests;

            [Network(2, 64)]
            [Conv1D(8, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
            [MaxPool1D(2)]
            [AvgPool1D(2, PaddingSize = 1)]
            [Dense(4)]
            [SoftmaxCrossEntropy]
            public partial class Signal;
            """, "Tests.Signal", 128, 4, 88 + 548),

        // 1×8×16×16 → conv 3D 4 filters, padding 1 (4·27 + 4 = 112) → avg pool 2 → 4×4×8×8 → conv 1×3×3, 8 filters
        // (8·4·9 + 8 = 296) → 8×4×6×6 → max pool 1×2×2 → 8×4×3×3 = 288 → 5 (1,445).
        new("Conv3D, AvgPool3D, MaxPool3D", Header + """
            namespace Tests;

            [Network(1, 8, 16, 16)]
            [Conv3D(4, 3, PaddingSize = 1, Activation = Activation.ReLU)]
            [AvgPool3D(2)]
            [Conv3D(8, 1, 3, 3)]
            [MaxPool3D(1, 2, 2)]
            [Dense(5)]
            [SoftmaxCrossEntropy]
            public partial class Volume;
            """, "Tests.Volume", 2048, 5, 1853),

        new("Network in the global namespace", Header + """
            [Network(1, 8, 8)]
            [Dense(2)]
            [SoftmaxCrossEntropy]
            public partial class GlobalNetwork;
            """, "GlobalNetwork", 64, 2, 130),

        new("Internal sealed class with a member and an unrelated attribute between the layers", Header + """
            namespace Tests.Deeper.Namespace;

            [Network(1, 8, 8)]
            [Dense(6, Activation = Activation.Tanh)]
            [System.Diagnostics.DebuggerDisplay("{Describe()}")]
            [Dense(2)]
            [SoftmaxCrossEntropy]
            internal sealed partial class InternalNetwork
            {
                public string Describe() => "internal";
            }
            """, "Tests.Deeper.Namespace.InternalNetwork", 64, 2, 390 + 14),

        // Given names, dotted names, and names whose C# identifiers would clash with the generated code's own.
        new("Layer names", Header + """
            namespace Tests;

            [Network(1, 12, 12)]
            [Conv2D(4, 3, Name = "stem", Activation = Activation.ReLU)]
            [MaxPool2D(2, Name = "stem.pool")]
            [ReLU(Name = "forward")]
            [Flatten(Name = "layers")]
            [Dense(16, Name = "workspace")]
            [Tanh(Name = "math")]
            [Dense(8, Name = "span")]
            [Sigmoid(Name = "_")]
            [Dense(3, Name = "head")]
            [SoftmaxCrossEntropy(Name = "loss")]
            public partial class Named;
            """, "Tests.Named", 144, 3, 40 + 4 * 5 * 5 * 16 + 16 + 136 + 27),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Valid_declaration_compiles_without_errors_or_warnings(Case test)
    {
        GeneratorResult result = GeneratorHarness.Run(test.Source);

        Assert.Null(result.Run.Results[0].Exception);
        Assert.Empty(result.Errors);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        GeneratedSourceResult generated = Assert.Single(result.Run.Results[0].GeneratedSources);
        Assert.Equal(test.TypeName + ".g.cs", generated.HintName);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Constants_have_the_worked_out_sizes(Case test)
    {
        GeneratorResult result = GeneratorHarness.Run(test.Source);
        INamedTypeSymbol type = result.Output.GetTypeByMetadataName(test.TypeName) ?? throw new Xunit.Sdk.XunitException($"{test.TypeName} not found");

        Assert.Equal(test.InputLength, Constant(type, "InputLength"));
        Assert.Equal(test.OutputLength, Constant(type, "OutputLength"));
        Assert.Equal(test.ParameterCount, Constant(type, "ParameterCount"));
        Assert.Contains(type.AllInterfaces, i => i.ToDisplayString() == "CnnCompiler.INetwork");
    }

    /// <summary>
    /// CountIncludePad = false divides each window by the inputs it covers where padding clips it; without padding the
    /// windows are never clipped, and the pool keeps its constant divisor (the same result, the unrolled fast path).
    /// </summary>
    [Fact]
    public void Average_pool_without_padding_in_the_divisor_divides_by_the_covered_inputs()
    {
        GeneratorResult result = GeneratorHarness.Run(Header + """
            namespace Tests;

            [Network(2, 7, 6)]
            [AvgPool2D(3, 2, StrideHeight = 2, StrideWidth = 1, PaddingSize = 1, CountIncludePad = false, Name = "excluded")]
            [AvgPool2D(2, CountIncludePad = false, Name = "unpadded")]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class Means;
            """);
        Assert.Empty(result.Errors);
        string source = result.GeneratedSource("Tests.Means.g.cs");
        string excluded = source.Substring(source.IndexOf("// excluded · AvgPool2D", StringComparison.Ordinal));
        excluded = excluded.Substring(0, excluded.IndexOf("// unpadded · AvgPool2D", StringComparison.Ordinal));
        Assert.Contains("// excluded · AvgPool2D · window 3×2, stride 2×1, padding 1, padding not counted", excluded, StringComparison.Ordinal);
        Assert.Contains("int covered = (yEnd - yStart) * (xEnd - xStart);", excluded, StringComparison.Ordinal);
        Assert.Contains("y[j] = sum / covered;", excluded, StringComparison.Ordinal);
        Assert.Contains("float share = dy[j] / ((yEnd - yStart) * (xEnd - xStart));", excluded, StringComparison.Ordinal);
        Assert.DoesNotContain("InverseWindow", excluded, StringComparison.Ordinal);
        string unpadded = source.Substring(source.IndexOf("// unpadded · AvgPool2D", StringComparison.Ordinal));
        Assert.Contains("private const float InverseWindow = 1f / 4;", unpadded, StringComparison.Ordinal);
        Assert.DoesNotContain("covered", unpadded.Substring(0, unpadded.IndexOf("internal static class", unpadded.IndexOf("internal static class", StringComparison.Ordinal) + 1, StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_class_repeats_the_declared_accessibility()
    {
        GeneratorResult result = GeneratorHarness.Run(All.Single(c => c.TypeName.EndsWith("InternalNetwork", StringComparison.Ordinal)).Source);
        INamedTypeSymbol type = result.Output.GetTypeByMetadataName("Tests.Deeper.Namespace.InternalNetwork")!;
        Assert.Equal(Accessibility.Internal, type.DeclaredAccessibility);
        Assert.True(type.IsSealed);
        Assert.Contains("internal partial class InternalNetwork", result.GeneratedSource("InternalNetwork.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Global_namespace_network_has_no_namespace_declaration()
    {
        GeneratorResult result = GeneratorHarness.Run(All.Single(c => c.TypeName == "GlobalNetwork").Source);
        string source = result.GeneratedSource("GlobalNetwork.g.cs");
        // The user's part comes first and stands in no namespace; the only namespace is the generator's own, after it.
        int userPart = source.IndexOf("public partial class GlobalNetwork", StringComparison.Ordinal);
        Assert.True(userPart > 0);
        Assert.DoesNotContain("\nnamespace ", source.Substring(0, userPart), StringComparison.Ordinal);
        Assert.Contains("\nnamespace CnnCompiler.Generated\n", source.Substring(userPart), StringComparison.Ordinal);
    }

    [Fact]
    public void Layer_names_keep_their_text_and_clashing_identifiers_are_renamed()
    {
        GeneratorResult result = GeneratorHarness.Run(All.Single(c => c.TypeName == "Tests.Named").Source);
        string source = result.GeneratedSource("Tests.Named.g.cs");
        foreach (string name in new[] { "stem (Conv2D)", "stem.pool (MaxPool2D)", "forward (ReLU)", "layers (Flatten)", "workspace (Dense)", "math (Tanh)", "span (Dense)", "_ (Sigmoid)", "head (Dense)" })
        {
            Assert.Contains("/// " + name, source, StringComparison.Ordinal);
        }
        Assert.Contains("internal static class Stem_Pool", source, StringComparison.Ordinal);
        Assert.Contains("internal static class Head", source, StringComparison.Ordinal);
        Assert.DoesNotContain("internal static class Forward\n", source, StringComparison.Ordinal);
        Assert.DoesNotContain("internal static class Workspace\n", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_networks_with_the_same_name_in_different_namespaces_get_separate_sources()
    {
        GeneratorResult result = GeneratorHarness.Run(
            Header + """
            namespace First
            {
                [Network(1, 4, 4)]
                [Dense(2)]
                [SoftmaxCrossEntropy]
                public partial class Net;
            }

            namespace Second
            {
                [Network(1, 6)]
                [Dense(3)]
                [SoftmaxCrossEntropy]
                public partial class Net;
            }
            """,
            Header + """
            namespace Third;

            [Network(1, 2, 2, 2)]
            [Dense(2)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """);

        Assert.Empty(result.Errors);
        Assert.Empty(result.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(["First.Net.g.cs", "Second.Net.g.cs", "Third.Net.g.cs"], result.Run.Results[0].GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        Assert.Equal(6, Constant(result.Output.GetTypeByMetadataName("Second.Net")!, "InputLength"));
        Assert.Equal(8, Constant(result.Output.GetTypeByMetadataName("Third.Net")!, "InputLength"));
    }

    [Fact]
    public void Valid_and_invalid_networks_side_by_side_generate_the_valid_one_only()
    {
        GeneratorResult result = GeneratorHarness.Run(
            Header + """
            namespace Tests;

            [Network(1, 28, 28)]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Good;

            [Network(1, 28, 28)]
            [Dense(0)]
            [SoftmaxCrossEntropy]
            public partial class Bad;
            """);

        Assert.Equal("Tests.Good.g.cs", Assert.Single(result.Run.Results[0].GeneratedSources).HintName);
        Assert.Equal("CNN0005", Assert.Single(result.GeneratorDiagnostics).Id);
        Assert.Empty(result.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    private static int Constant(INamedTypeSymbol type, string name)
    {
        IFieldSymbol field = Assert.Single(type.GetMembers(name).OfType<IFieldSymbol>());
        Assert.True(field.IsConst, $"{type.Name}.{name} is not a constant");
        return Assert.IsType<int>(field.ConstantValue);
    }
}
