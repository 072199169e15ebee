using Microsoft.CodeAnalysis;
using Xunit;

namespace CnnCompiler.Generator.Tests.DiagnosticTests;

/// <summary>
/// Diagnostics of squeeze-and-excitation gates ([Multiply("name")]), with the residual descriptors: a source that does
/// not exist, channel counts that differ, and two feature maps with no per-channel vector between them.
/// </summary>
public sealed class MultiplyDiagnosticTests
{
    [Fact]
    public void Cnn0020_unknown_source_lists_the_earlier_layers()
    {
        DiagnosticAssert.Single(
            """
            [Network(3, 8, 8)]
            [Conv2D(4, 3, Padding = Padding.Same, Name = "features")]
            [GlobalAveragePool]
            [Dense(4, Activation = Activation.Sigmoid)]
            [[|Multiply("feature")|]]
            [GlobalAveragePool]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0020", DiagnosticSeverity.Error, "Multiply(\"feature\")",
            "Multiply #4 (mul1): no earlier layer is named 'feature'; earlier layers are 'features', 'gap1', 'dense1'");
    }

    [Fact]
    public void Cnn0021_channel_counts_that_differ_name_both_shapes()
    {
        DiagnosticAssert.Single(
            """
            [Network(3, 8, 8)]
            [Conv2D(4, 3, Padding = Padding.Same, Name = "features")]
            [GlobalAveragePool]
            [Dense(5, Activation = Activation.Sigmoid)]
            [[|Multiply("features")|]]
            [GlobalAveragePool]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0021", DiagnosticSeverity.Error, "Multiply(\"features\")",
            "Multiply #4 (mul1): the previous layer's output 5 and the output 4×8×8 of 'features' cannot be multiplied; the gate needs one value per channel, and the channel counts differ (5 and 4)");
    }

    [Fact]
    public void Cnn0021_a_named_gate_with_other_channels_than_the_feature_map()
    {
        DiagnosticAssert.Single(
            """
            [Network(3, 8, 8)]
            [Conv2D(4, 3, Padding = Padding.Same, Name = "features")]
            [GlobalAveragePool]
            [Dense(4, Activation = Activation.Sigmoid, Name = "gate")]
            [Multiply("features")]
            [Conv2D(6, 1)]
            [[|Multiply("gate")|]]
            [GlobalAveragePool]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0021", DiagnosticSeverity.Error, "Multiply(\"gate\")",
            "Multiply #6 (mul2): the previous layer's output 6×8×8 and the output 4 of 'gate' cannot be multiplied; the gate needs one value per channel, and the channel counts differ (6 and 4)");
    }

    [Fact]
    public void Cnn0021_two_feature_maps_have_no_gate()
    {
        DiagnosticAssert.Single(
            """
            [Network(3, 8, 8)]
            [Conv2D(4, 3, Padding = Padding.Same, Name = "features")]
            [Conv2D(4, 3, Padding = Padding.Same)]
            [[|Multiply("features")|]]
            [GlobalAveragePool]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0021", DiagnosticSeverity.Error, "Multiply(\"features\")",
            "Multiply #3 (mul1): the previous layer's output 4×8×8 and the output 4×8×8 of 'features' cannot be multiplied; neither is a per-channel vector (C, or C×1×…) to broadcast over the other's spatial axes");
    }
}
