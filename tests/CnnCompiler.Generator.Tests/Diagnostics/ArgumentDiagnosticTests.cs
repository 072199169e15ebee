using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CnnCompiler.Generator.Tests.DiagnosticTests;

/// <summary>Diagnostics about one argument of a layer attribute, reported on the argument itself.</summary>
public sealed class ArgumentDiagnosticTests
{
    [Theory]
    [InlineData("[Conv2D([|0|], 5)]", "0", "Conv2D #1: filters is 0; it must be at least 1")]
    [InlineData("[Conv2D(6, [|0|])]", "0", "Conv2D #1: kernel is 0; it must be at least 1")]
    [InlineData("[Conv2D(6, 5, [|-3|])]", "-3", "Conv2D #1: kernel width is -3; it must be at least 1")]
    [InlineData("[Conv2D(6, 5, [|Stride = 0|])]", "Stride = 0", "Conv2D #1: stride is 0; it must be at least 1")]
    [InlineData("[Conv2D(6, 5, [|StrideHeight = -1|])]", "StrideHeight = -1", "Conv2D #1: stride height is -1; it must be at least 1")]
    [InlineData("[Conv1D(6, [|0|])]", "0", "Conv1D #1: kernel is 0; it must be at least 1")]
    [InlineData("[Conv3D(6, 3, [|0|], 3)]", "0", "Conv3D #1: kernel height is 0; it must be at least 1")]
    [InlineData("[MaxPool2D([|0|])]", "0", "MaxPool2D #1: window is 0; it must be at least 1")]
    [InlineData("[AvgPool1D(2, [|Stride = 0|])]", "Stride = 0", "AvgPool1D #1: stride is 0; it must be at least 1")]
    [InlineData("[Dense([|-1|], Name = \"head\")]", "-1", "Dense #1 'head': units is -1; it must be at least 1")]
    [InlineData("[Upsample2D([|0|])]", "0", "Upsample2D #1: scale is 0; it must be at least 1")]
    [InlineData("[Upsample2D(2, [|-1|], Mode = UpsampleMode.Linear)]", "-1", "Upsample2D #1: scale width is -1; it must be at least 1")]
    public void Cnn0005_non_positive_argument_is_reported_once_on_the_argument(string layer, string text, string message)
    {
        DiagnosticAssert.Single(
            $"""
            [Network(1, 28, 28)]
            {layer}
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0005", DiagnosticSeverity.Error, text, message);
    }

    [Fact]
    public void Cnn0005_several_bad_arguments_are_each_reported_once()
    {
        (string source, _) = DiagnosticAssert.Parse(
            """
            [Network(1, 28, 28)]
            [Conv2D([|0|], 0, Stride = -1)]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """);
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Equal(
            [
                "CNN0005 0: Conv2D #1: filters is 0; it must be at least 1",
                "CNN0005 0: Conv2D #1: kernel is 0; it must be at least 1",
                "CNN0005 Stride = -1: Conv2D #1: stride is -1; it must be at least 1",
            ],
            DiagnosticAssert.All(result).Select(d => $"{d.Id} {source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)}: {d.GetMessage()}"));
        DiagnosticAssert.AssertNoCascade(result);
    }

    [Fact]
    public void Cnn0006_non_constant_argument_is_reported_beside_the_compiler_error()
    {
        DiagnosticAssert.Single(
            """
            [Network(1, 28, 28)]
            [Conv2D(6, [|Kernel|])]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net
            {
                public static int Kernel = 5;
            }
            """,
            "CNN0006", DiagnosticSeverity.Error, "Kernel",
            "Conv2D #1: argument 'kernelSize' must be a compile-time constant of the declared type",
            "CS0182");
    }

    [Fact]
    public void Cnn0006_non_constant_named_argument_is_reported_on_the_named_argument()
    {
        DiagnosticAssert.Single(
            """
            [Network(1, 28, 28)]
            [Dense(10, [|Name = Names.Head|])]
            [SoftmaxCrossEntropy]
            public partial class Net;

            public static class Names
            {
                public static readonly string Head = "head";
            }
            """,
            "CNN0006", DiagnosticSeverity.Error, "Name = Names.Head",
            "Dense #1: argument 'Name' must be a compile-time constant of the declared type",
            "CS0182");
    }

    [Fact]
    public void Cnn0006_non_constant_input_shape_is_reported_on_the_network_attribute()
    {
        DiagnosticAssert.Single(
            """
            [[|Network(1, Size, 28)|]]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net
            {
                public static int Size = 28;
            }
            """,
            "CNN0006", DiagnosticSeverity.Error, "Network(1, Size, 28)",
            "[Network]: argument 'inputShape' must be a compile-time constant array of integers",
            "CS0182");
    }

    [Theory]
    [InlineData("Conv2D(6, 5, [|Activation = (Activation)42|])", "Activation = (Activation)42", "Conv2D #1: argument 'Activation' must be a defined Activation value")]
    [InlineData("Conv2D(6, 5, [|Activation = (Activation)11|])", "Activation = (Activation)11", "Conv2D #1: argument 'Activation' must be a defined Activation value")]
    [InlineData("Dense(32, [|Activation = (Activation)(-1)|])", "Activation = (Activation)(-1)", "Dense #1: argument 'Activation' must be a defined Activation value")]
    [InlineData("Upsample2D(2, [|Mode = (UpsampleMode)2|])", "Mode = (UpsampleMode)2", "Upsample2D #1: argument 'Mode' must be a defined UpsampleMode value")]
    public void Cnn0006_undefined_enum_value_is_reported_on_the_argument(string layer, string text, string message)
    {
        string network = layer.StartsWith("Conv1D", StringComparison.Ordinal) ? "1, 28" : "1, 28, 28";
        DiagnosticAssert.Single(
            $"""
            [Network({network})]
            [{layer}]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0006", DiagnosticSeverity.Error, text, message);
    }

    /// <summary>
    /// Padding takes Padding.Valid or Padding.Same; what PyTorch and Keras users write there by habit compiles (the
    /// property is typed object) and gets one diagnostic that says what to write, with no compiler error beside it.
    /// </summary>
    [Theory]
    [InlineData("Conv2D(6, 5, [|Padding = 3|])", "Padding = 3", "Conv2D #1: argument 'Padding' must be Padding.Valid or Padding.Same; for explicit padding of 3 on every side write PaddingSize = 3")]
    [InlineData("Conv1D(6, 5, [|Padding = 0|], Name = \"stem\")", "Padding = 0", "Conv1D #1 'stem': argument 'Padding' must be Padding.Valid or Padding.Same; for explicit padding of 0 on every side write PaddingSize = 0")]
    [InlineData("Conv2D(6, 5, [|Padding = (Padding)2|])", "Padding = (Padding)2", "Conv2D #1: argument 'Padding' must be Padding.Valid or Padding.Same; for explicit padding of 2 on every side write PaddingSize = 2")]
    [InlineData("Conv1D(6, 5, [|Padding = (Padding)7|], PaddingSize = 1)", "Padding = (Padding)7", "Conv1D #1: argument 'Padding' must be Padding.Valid or Padding.Same; for explicit padding of 7 on every side write PaddingSize = 7")]
    [InlineData("Conv2D(6, 5, [|Padding = (Padding)(-1)|])", "Padding = (Padding)(-1)", "Conv2D #1: argument 'Padding' must be Padding.Valid or Padding.Same")]
    [InlineData("Conv2D(6, 5, [|Padding = \"same\"|])", "Padding = \"same\"", "Conv2D #1: argument 'Padding' must be Padding.Valid or Padding.Same; write Padding = Padding.Same")]
    [InlineData("Conv2D(6, 5, [|Padding = \"Valid\"|])", "Padding = \"Valid\"", "Conv2D #1: argument 'Padding' must be Padding.Valid or Padding.Same; write Padding = Padding.Valid (the default)")]
    [InlineData("Conv2D(6, 5, [|Padding = new[] { 1, 2 }|])", "Padding = new[] { 1, 2 }", "Conv2D #1: argument 'Padding' must be Padding.Valid or Padding.Same; for explicit padding write PaddingHeight = 1, PaddingWidth = 2")]
    [InlineData("Conv3D(6, 3, [|Padding = new[] { 1, 1, 1 }|])", "Padding = new[] { 1, 1, 1 }", "Conv3D #1: argument 'Padding' must be Padding.Valid or Padding.Same; for explicit padding write PaddingSize = 1")]
    [InlineData("Conv2D(6, 5, [|Padding = Activation.ReLU|])", "Padding = Activation.ReLU", "Conv2D #1: argument 'Padding' must be Padding.Valid or Padding.Same")]
    [InlineData("Conv2D(6, 5, [|Padding = 1.5|])", "Padding = 1.5", "Conv2D #1: argument 'Padding' must be Padding.Valid or Padding.Same")]
    public void Cnn0006_padding_that_is_not_a_padding_mode_says_what_to_write(string layer, string text, string message)
    {
        string network = layer.StartsWith("Conv1D", StringComparison.Ordinal) ? "1, 28" : layer.StartsWith("Conv3D", StringComparison.Ordinal) ? "1, 8, 8, 8" : "1, 28, 28";
        DiagnosticAssert.Single(
            $"""
            [Network({network})]
            [{layer}]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0006", DiagnosticSeverity.Error, text, message);
    }

    /// <summary>A mode and an explicit size both set the padding: refused, on the Padding argument, naming both.</summary>
    [Theory]
    [InlineData("Conv2D(6, 5, [|Padding = Padding.Same|], PaddingSize = 1)", "Padding = Padding.Same", "Conv2D #1: Padding = Padding.Same and PaddingSize = 1 both set the padding")]
    [InlineData("Conv2D(6, 5, PaddingWidth = 2, [|Padding = Padding.Valid|])", "Padding = Padding.Valid", "Conv2D #1: Padding = Padding.Valid and PaddingWidth = 2 both set the padding")]
    [InlineData("Conv3D(6, 3, [|Padding = Padding.Same|], PaddingDepth = 0, Name = \"c\")", "Padding = Padding.Same", "Conv3D #1 'c': Padding = Padding.Same and PaddingDepth = 0 both set the padding")]
    public void Cnn0025_padding_mode_and_size_together_are_refused(string layer, string text, string message)
    {
        string network = layer.StartsWith("Conv3D", StringComparison.Ordinal) ? "1, 8, 8, 8" : "1, 28, 28";
        DiagnosticAssert.Single(
            $"""
            [Network({network})]
            [{layer}]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0025", DiagnosticSeverity.Error, text,
            message + "; keep one of them ('Padding = Padding.Same' pads to an output of ceil(input / stride), 'PaddingSize' pads every side by that much)");
    }

    [Theory]
    [InlineData("[Conv2D(6, 5, [|PaddingSize = -1|])]", "PaddingSize = -1", "Conv2D #1: padding is -1; it must be at least 0")]
    [InlineData("[Conv2D(6, 5, PaddingHeight = 1, [|PaddingWidth = -2|])]", "PaddingWidth = -2", "Conv2D #1: padding width is -2; it must be at least 0")]
    [InlineData("[AvgPool2D(2, [|PaddingSize = -1|])]", "PaddingSize = -1", "AvgPool2D #1: padding is -1; it must be at least 0")]
    public void Cnn0019_negative_padding_is_reported_once_on_the_argument(string layer, string text, string message)
    {
        DiagnosticAssert.Single(
            $"""
            [Network(1, 28, 28)]
            {layer}
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0019", DiagnosticSeverity.Error, text, message);
    }

    [Theory]
    [InlineData("[Conv2D(6, 5, 5, 5)]", "CS1729")]
    [InlineData("[Dense(Units = 10)]", "CS0617", "CS7036")]
    [InlineData("[Dense(\"ten\")]", "CS1503")]
    [InlineData("[MaxPool2D(2, Padding = Padding.Same)]", "CS0246")]
    public void Attribute_the_compiler_cannot_bind_gets_no_generator_diagnostic(string layer, params string[] compilerErrors)
    {
        GeneratorResult result = GeneratorHarness.Run(
            $"""
            using CnnCompiler;

            namespace Tests;

            [Network(1, 28, 28)]
            {layer}
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        DiagnosticAssert.AssertNoCascade(result, compilerErrors);
    }

    [Fact]
    public void Network_attribute_the_compiler_cannot_bind_gets_no_generator_diagnostic()
    {
        GeneratorResult result = GeneratorHarness.Run(
            """
            using CnnCompiler;

            namespace Tests;

            [Network("1x28x28")]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        DiagnosticAssert.AssertNoCascade(result, "CS1503");
    }
}
