using Microsoft.CodeAnalysis;
using Xunit;

namespace CnnCompiler.Generator.Tests.DiagnosticTests;

/// <summary>Diagnostics of shape inference, each naming the numbers that make the declaration wrong.</summary>
public sealed class ShapeDiagnosticTests
{
    [Theory]
    [InlineData("Network(28)", "28", "it has 1 value(s); give channels then 1 to 3 spatial sizes, for example [Network(1, 28, 28)] for one 28×28 channel")]
    [InlineData("Network", "()", "it has 0 value(s); give channels then 1 to 3 spatial sizes, for example [Network(1, 28, 28)] for one 28×28 channel")]
    [InlineData("Network(1, 2, 3, 4, 5)", "1×2×3×4×5", "it has 5 value(s); give channels then 1 to 3 spatial sizes, for example [Network(1, 28, 28)] for one 28×28 channel")]
    [InlineData("Network(0, 28, 28)", "0×28×28", "channels is 0; every size must be at least 1")]
    [InlineData("Network(1, 28, -28)", "1×28×-28", "spatial size 2 is -28; every size must be at least 1")]
    public void Cnn0003_invalid_input_shape_is_reported_on_the_network_attribute(string network, string shape, string reason)
    {
        DiagnosticAssert.Single(
            $"""
            [[|{network}|]]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0003", DiagnosticSeverity.Error, network,
            $"[Network] input shape {shape} is invalid: {reason}");
    }

    /// <summary>The example of the specification: a 7×7 kernel on a 16×5×5 input.</summary>
    [Fact]
    public void Cnn0007_kernel_larger_than_its_input_gives_the_numbers()
    {
        DiagnosticAssert.Single(
            """
            [Network(1, 10, 10)]
            [Conv2D(16, 2, Stride = 2)]
            [ReLU]
            [[|Conv2D(16, 7)|]]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0007", DiagnosticSeverity.Error, "Conv2D(16, 7)",
            "Conv2D #3 (conv2): input 16×5×5 with kernel 7×7, stride 1, padding 0 gives an output of -1×-1; the kernel is larger than its padded input");
    }

    [Fact]
    public void Cnn0007_in_lenet_after_the_second_pooling()
    {
        DiagnosticAssert.Single(
            """
            [Network(1, 28, 28)]
            [Conv2D(6, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
            [MaxPool2D(2)]
            [Conv2D(16, 5, Activation = Activation.ReLU)]
            [MaxPool2D(2)]
            [[|Conv2D(32, 7, PaddingSize = 0)|]]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class LeNet5;
            """,
            "CNN0007", DiagnosticSeverity.Error, "Conv2D(32, 7, PaddingSize = 0)",
            "Conv2D #5 (conv3): input 16×5×5 with kernel 7×7, stride 1, padding 0 gives an output of -1×-1; the kernel is larger than its padded input");
    }

    [Theory]
    [InlineData("1, 3, 3", "MaxPool2D(4)", "MaxPool2D #1 (pool1): input 1×3×3 with window 4×4, stride 4, padding 0 gives an output of 0×0; the window is larger than its padded input")]
    [InlineData("2, 8", "Conv1D(4, 11, Stride = 3, PaddingSize = 1, Name = \"stem\")", "Conv1D #1 'stem': input 2×8 with kernel 11, stride 3, padding 1 gives an output of 0; the kernel is larger than its padded input")]
    [InlineData("1, 4, 9, 9", "Conv3D(2, 5, 3, 3)", "Conv3D #1 (conv1): input 1×4×9×9 with kernel 5×3×3, stride 1, padding 0 gives an output of 0×7×7; the kernel is larger than its padded input")]
    [InlineData("1, 9, 9", "AvgPool2D(10, 2, Stride = 1)", "AvgPool2D #1 (pool1): input 1×9×9 with window 10×2, stride 1, padding 0 gives an output of 0×8; the window is larger than its padded input")]
    public void Cnn0007_window_larger_than_its_input(string network, string layer, string message)
    {
        DiagnosticAssert.Single(
            $"""
            [Network({network})]
            [[|{layer}|]]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0007", DiagnosticSeverity.Error, layer, message);
    }

    /// <summary>
    /// One warning per layer, naming every axis that leaves input unread, on the stride argument of the first such axis
    /// (the attribute when the stride is a pooling layer's default, the window).
    /// </summary>
    [Theory]
    [InlineData("1, 7, 6", "[|MaxPool2D(2)|]", "MaxPool2D(2)", "MaxPool2D #1 (pool1): input 1×7×6 with window 2×2 and stride 2 never reads the last 1 row of the input; adjust the stride, kernel or padding if this is not intended")]
    [InlineData("1, 10", "Conv1D(4, 3, [|Stride = 2|])", "Stride = 2", "Conv1D #1 (conv1): input 1×10 with kernel 3 and stride 2 never reads the last 1 element of the input; adjust the stride, kernel or padding if this is not intended")]
    [InlineData("1, 8, 12", "Conv2D(4, 1, 5, StrideHeight = 1, [|StrideWidth = 5|])", "StrideWidth = 5", "Conv2D #1 (conv1): input 1×8×12 with kernel 1×5 and stride 1×5 never reads the last 2 columns of the input; adjust the stride, kernel or padding if this is not intended")]
    [InlineData("1, 5, 8, 8", "[|AvgPool3D(2)|]", "AvgPool3D(2)", "AvgPool3D #1 (pool1): input 1×5×8×8 with window 2×2×2 and stride 2 never reads the last 1 plane of the input; adjust the stride, kernel or padding if this is not intended")]
    [InlineData("3, 8, 10", "Conv2D(4, 3, [|Stride = 2|])", "Stride = 2", "Conv2D #1 (conv1): input 3×8×10 with kernel 3×3 and stride 2 never reads the last 1 row and 1 column of the input; adjust the stride, kernel or padding if this is not intended")]
    [InlineData("3, 64, 62", "Conv2D(16, 11, [|Stride = 4|], Activation = Activation.ReLU)", "Stride = 4", "Conv2D #1 (conv1): input 3×64×62 with kernel 11×11 and stride 4 never reads the last 1 row and 3 columns of the input; adjust the stride, kernel or padding if this is not intended")]
    [InlineData("1, 7, 10, 12", "Conv3D(2, 2, [|StrideDepth = 4|], StrideHeight = 3, StrideWidth = 5)", "StrideDepth = 4", "Conv3D #1 (conv1): input 1×7×10×12 with kernel 2×2×2 and stride 4×3×5 never reads the last 1 plane and 2 rows of the input; adjust the stride, kernel or padding if this is not intended")]
    [InlineData("1, 7, 10, 13", "Conv3D(2, 2, [|Stride = 3|], StrideDepth = 5, StrideWidth = 5)", "Stride = 3", "Conv3D #1 (conv1): input 1×7×10×13 with kernel 2×2×2 and stride 5×3×5 never reads the last 2 rows and 1 column of the input; adjust the stride, kernel or padding if this is not intended")]
    [InlineData("1, 7, 10, 13", "Conv3D(2, 2, [|StrideDepth = 4|], StrideHeight = 3, StrideWidth = 5)", "StrideDepth = 4", "Conv3D #1 (conv1): input 1×7×10×13 with kernel 2×2×2 and stride 4×3×5 never reads the last 1 plane, 2 rows and 1 column of the input; adjust the stride, kernel or padding if this is not intended")]
    [InlineData("1, 9, 7", "MaxPool2D(3, 2, StrideHeight = 3, [|StrideWidth = 2|])", "StrideWidth = 2", "MaxPool2D #1 (pool1): input 1×9×7 with window 3×2 and stride 3×2 never reads the last 1 column of the input; adjust the stride, kernel or padding if this is not intended")]
    public void Cnn0008_stride_that_skips_the_end_of_the_input_is_one_warning_per_layer_on_the_stride(string network, string layer, string text, string message)
    {
        DiagnosticAssert.Single(
            $"""
            [Network({network})]
            [{layer}]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0008", DiagnosticSeverity.Warning, text, message);
    }

    /// <summary>A small AlexNet whose three strided layers drop input along five axes in all: three warnings, not five.</summary>
    [Fact]
    public void Cnn0008_is_reported_once_per_layer_however_many_axes_drop_input()
    {
        (string source, _) = DiagnosticAssert.Parse(
            """
            [Network(3, 64, 62)]
            [Conv2D(16, 11, [|Stride = 4|], Activation = Activation.ReLU)]
            [MaxPool2D(3, Stride = 2)]
            [Conv2D(32, 3, Stride = 2, Activation = Activation.ReLU)]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class SmallAlexNet;
            """);
        var result = Infrastructure.GeneratorHarness.Run(source);
        Assert.Equal(
            [
                "Stride = 4: Conv2D #1 (conv1): input 3×64×62 with kernel 11×11 and stride 4 never reads the last 1 row and 3 columns of the input; adjust the stride, kernel or padding if this is not intended",
                "Stride = 2: MaxPool2D #2 (pool1): input 16×14×13 with window 3×3 and stride 2 never reads the last 1 row of the input; adjust the stride, kernel or padding if this is not intended",
                "Stride = 2: Conv2D #3 (conv2): input 16×6×6 with kernel 3×3 and stride 2 never reads the last 1 row and 1 column of the input; adjust the stride, kernel or padding if this is not intended",
            ],
            DiagnosticAssert.All(result).Select(d => $"{source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"));
        Assert.All(DiagnosticAssert.All(result), d => Assert.Equal("CNN0008", d.Id));
        Assert.Single(result.Run.Results[0].GeneratedSources);
    }

    [Fact]
    public void Cnn0008_is_not_reported_for_same_padding()
    {
        var result = Infrastructure.GeneratorHarness.Run(
            """
            using CnnCompiler;

            namespace Tests;

            [Network(1, 28, 28)]
            [Conv2D(6, 5, Stride = 2, Padding = Padding.Same)]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary>On the padding argument of the first axis whose padding is too large: its own or the shared PaddingSize.</summary>
    [Theory]
    [InlineData("Conv2D(6, 3, [|PaddingSize = 3|])", "PaddingSize = 3", "Conv2D #1 (conv1): padding 3 is too large for kernel 3×3; it must be smaller than the kernel, or outputs see only padding")]
    [InlineData("Conv2D(6, 3, 5, PaddingHeight = 1, [|PaddingWidth = 5|])", "PaddingWidth = 5", "Conv2D #1 (conv1): padding 1×5 is too large for kernel 3×5; it must be smaller than the kernel, or outputs see only padding")]
    [InlineData("Conv2D(6, 3, 5, [|PaddingSize = 3|], PaddingWidth = 2)", "PaddingSize = 3", "Conv2D #1 (conv1): padding 3×2 is too large for kernel 3×5; it must be smaller than the kernel, or outputs see only padding")]
    [InlineData("MaxPool2D(2, [|PaddingSize = 2|])", "PaddingSize = 2", "MaxPool2D #1 (pool1): padding 2 is too large for window 2×2; it must be at most half the window, as in PyTorch")]
    [InlineData("AvgPool2D(3, [|PaddingSize = 2|], Name = \"blur\")", "PaddingSize = 2", "AvgPool2D #1 'blur': padding 2 is too large for window 3×3; it must be at most half the window, as in PyTorch")]
    public void Cnn0009_padding_too_large_is_reported_on_the_padding_argument(string layer, string text, string message)
    {
        DiagnosticAssert.Single(
            $"""
            [Network(1, 28, 28)]
            [{layer}]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0009", DiagnosticSeverity.Error, text, message);
    }

    [Fact]
    public void Cnn0012_softmax_over_one_output_is_reported_on_the_loss()
    {
        DiagnosticAssert.Single(
            """
            [Network(1, 28, 28)]
            [Dense(1)]
            [[|SoftmaxCrossEntropy|]]
            public partial class Net;
            """,
            "CNN0012", DiagnosticSeverity.Error, "SoftmaxCrossEntropy",
            "SoftmaxCrossEntropy #2 (loss): softmax cross-entropy over 1 output is always 0 and learns nothing; it needs at least 2 class scores (for example [Dense(2)]), or use [BinaryCrossEntropy] for one probability");
    }

    /// <summary>The channels left out of [Network]: reported on [Network], with the channels-first shape to write.</summary>
    [Theory]
    [InlineData("28, 28", "Conv2D(6, 5, Padding = Padding.Same)", "Conv2D #1 (conv1) needs an input with 2 spatial axes, but its input 28×28 has 1; [Network(28, 28)] declares 28 channels of 28 (shapes are channels first): for a single-channel 28×28 input write [Network(1, 28, 28)]")]
    [InlineData("28, 28", "MaxPool2D(2, Name = \"p\")", "MaxPool2D #1 'p' needs an input with 2 spatial axes, but its input 28×28 has 1; [Network(28, 28)] declares 28 channels of 28 (shapes are channels first): for a single-channel 28×28 input write [Network(1, 28, 28)]")]
    [InlineData("8, 16, 12", "Conv3D(4, 3)", "Conv3D #1 (conv1) needs an input with 3 spatial axes, but its input 8×16×12 has 2; [Network(8, 16, 12)] declares 8 channels of 16×12 (shapes are channels first): for a single-channel 8×16×12 input write [Network(1, 8, 16, 12)]")]
    public void Cnn0015_channels_left_out_of_the_network_shape_is_reported_on_the_network_attribute(string network, string layer, string message)
    {
        DiagnosticAssert.Single(
            $"""
            [[|Network({network})|]]
            [ReLU]
            [{layer}]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0015", DiagnosticSeverity.Error, $"Network({network})", message.Replace("#1", "#2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1, 128", "Conv2D(4, 3)", "Conv2D #2 (conv1) needs an input with 2 spatial axes, but its input 1×128 has 1")]
    [InlineData("1, 28, 28", "MaxPool1D(2)", "MaxPool1D #2 (pool1) needs an input with 1 spatial axis, but its input 16 has 0")]
    [InlineData("1, 8, 8", "Conv3D(4, 3)", "Conv3D #2 (conv1) needs an input with 3 spatial axes, but its input 1×8×8 has 2")]
    [InlineData("1, 128", "Upsample2D(2)", "Upsample2D #2 (up1) needs an input with 2 spatial axes, but its input 1×128 has 1")]
    [InlineData("1, 8, 8", "Upsample3D(2, Mode = UpsampleMode.Linear)", "Upsample3D #2 (up1) needs an input with 3 spatial axes, but its input 1×8×8 has 2")]
    public void Cnn0015_layer_of_the_wrong_dimensionality_is_reported_on_the_layer(string network, string layer, string message)
    {
        string first = layer.StartsWith("MaxPool1D", StringComparison.Ordinal) ? "Dense(16)" : "ReLU";
        DiagnosticAssert.Single(
            $"""
            [Network({network})]
            [{first}]
            [[|{layer}|]]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0015", DiagnosticSeverity.Error, layer, message);
    }
}
