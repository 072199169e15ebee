using Microsoft.CodeAnalysis;
using Xunit;

namespace CnnCompiler.Generator.Tests.DiagnosticTests;

/// <summary>CNN0013: declarations beyond what the generated code can hold (32-bit lengths, one array per buffer).</summary>
public sealed class LimitDiagnosticTests
{
    [Fact]
    public void Cnn0013_dense_layer_with_too_many_weights_is_reported_on_the_layer()
    {
        DiagnosticAssert.Single(
            """
            [Network(3, 224, 224)]
            [[|Dense(100000)|]]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0013", DiagnosticSeverity.Error, "Dense(100000)",
            "Network 'Net': the weight count of Dense #1 (dense1) (150,528 inputs × 100,000 units) is 15,052,800,000, above the supported limit of 268,435,456");
    }

    [Fact]
    public void Cnn0013_convolution_with_too_many_weights_is_reported_on_the_layer()
    {
        DiagnosticAssert.Single(
            """
            [Network(1000, 100, 100)]
            [[|Conv2D(30, 100)|]]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0013", DiagnosticSeverity.Error, "Conv2D(30, 100)",
            "Network 'Net': the weight count of Conv2D #1 (conv1) is 300,000,000, above the supported limit of 268,435,456");
    }

    [Fact]
    public void Cnn0013_input_longer_than_a_32_bit_length_is_reported_on_the_network_attribute()
    {
        DiagnosticAssert.Single(
            """
            [[|Network(1, 50000, 50000)|]]
            [MaxPool2D(1000)]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0013", DiagnosticSeverity.Error, "Network(1, 50000, 50000)",
            "Network 'Net': the input (1×50000×50000) is 2,500,000,000, above the supported limit of 16,777,216");
    }

    [Fact]
    public void Cnn0013_layer_output_too_large_is_reported_on_the_layer()
    {
        DiagnosticAssert.Single(
            """
            [Network(1, 4096, 4096)]
            [[|Conv2D(2, 1)|]]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0013", DiagnosticSeverity.Error, "Conv2D(2, 1)",
            "Network 'Net': the output of Conv2D #1 (conv1) (2×4096×4096) is 33,554,432, above the supported limit of 16,777,216");
    }

    /// <summary>An upsampling output above the limit, even one whose sizes or length overflow 32 or 64 bits, is reported with its true size.</summary>
    [Theory]
    [InlineData("Upsample2D(64)", "the output of Upsample2D #2 (up2) (3×3584×3584) is 38,535,168")]
    [InlineData("Upsample2D(2000000000, Mode = UpsampleMode.Linear)", "the output of Upsample2D #2 (up2) (3×112000000000×112000000000) is 37,632,000,000,000,000,000,000")]
    public void Cnn0013_upsampling_output_too_large_is_reported_on_the_layer(string layer, string what)
    {
        DiagnosticAssert.Single(
            $"""
            [Network(3, 28, 28)]
            [Upsample2D(2)]
            [[|{layer}|]]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0013", DiagnosticSeverity.Error, layer,
            $"Network 'Net': {what}, above the supported limit of 16,777,216");
    }

    [Fact]
    public void Cnn0013_convolution_column_matrix_too_large_is_reported_on_the_layer()
    {
        DiagnosticAssert.Single(
            """
            [Network(1, 1000, 1000)]
            [[|Conv2D(1, 100)|]]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0013", DiagnosticSeverity.Error, "Conv2D(1, 100)",
            "Network 'Net': the im2col column matrix of Conv2D #1 (conv1) (10,000 × 811,801) is 8,118,010,000, above the supported limit of 268,435,456");
    }

    [Fact]
    public void Cnn0013_total_parameter_count_is_reported_on_the_network_attribute()
    {
        DiagnosticAssert.Single(
            """
            [[|Network(1, 16384)|]]
            [Dense(16384)]
            [Dense(16384)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0013", DiagnosticSeverity.Error, "Network(1, 16384)",
            "Network 'Net': the parameter count is 536,903,680, above the supported limit of 268,435,456");
    }
}
