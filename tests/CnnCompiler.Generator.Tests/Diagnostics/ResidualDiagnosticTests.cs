using Microsoft.CodeAnalysis;
using Xunit;

namespace CnnCompiler.Generator.Tests.DiagnosticTests;

/// <summary>Diagnostics of residual connections: a source that does not exist, and shapes no shortcut can match.</summary>
public sealed class ResidualDiagnosticTests
{
    [Fact]
    public void Cnn0020_unknown_source_lists_the_earlier_layers()
    {
        DiagnosticAssert.Single(
            """
            [Network(3, 32, 32)]
            [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "stem")]
            [Conv2D(16, 3, Padding = Padding.Same)]
            [[|Add("steem")|]]
            [GlobalAveragePool]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0020", DiagnosticSeverity.Error, "Add(\"steem\")",
            "Add #3 (add1): no earlier layer is named 'steem'; earlier layers are 'stem', 'conv2'");
    }

    [Fact]
    public void Cnn0021_different_shapes_without_projection_suggest_it()
    {
        DiagnosticAssert.Single(
            """
            [Network(3, 32, 32)]
            [Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "stem")]
            [Conv2D(32, 3, Stride = 2, Padding = Padding.Same)]
            [[|Add("stem")|]]
            [GlobalAveragePool]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0021", DiagnosticSeverity.Error, "Add(\"stem\")",
            "Add #3 (add1): the previous layer's output 32×16×16 and the output 16×32×32 of 'stem' cannot be added; set Projection = true to pass the source through a strided 1×1 convolution and BatchNorm first");
    }

    /// <summary>6 → 4 is no whole stride of a 1×1 convolution (3 would need a stride between 1.25 and 1.67).</summary>
    [Fact]
    public void Cnn0021_projection_that_no_stride_fits()
    {
        DiagnosticAssert.Single(
            """
            [Network(3, 8, 8)]
            [Conv2D(4, 3, Name = "x")]
            [Conv2D(4, 3)]
            [[|Add("x", Projection = true)|]]
            [GlobalAveragePool]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0021", DiagnosticSeverity.Error, "Add(\"x\", Projection = true)",
            "Add #3 (add1): the previous layer's output 4×4×4 and the output 4×6×6 of 'x' cannot be added; no strided 1×1 convolution turns one into the other (the spatial sizes must shrink by one whole stride on every axis)");
    }

    /// <summary>
    /// 11 → 3 fits a 1×1 convolution of stride 4 and of stride 5, which read different inputs, and the valid 5×5
    /// convolutions between (stride 1) do not say which: refused rather than guessed.
    /// </summary>
    [Fact]
    public void Cnn0021_projection_whose_stride_is_ambiguous_is_refused()
    {
        DiagnosticAssert.Single(
            """
            [Network(2, 11, 13)]
            [Conv2D(3, 1, Name = "x")]
            [Conv2D(3, 5)]
            [Conv2D(3, 5, StrideWidth = 2)]
            [[|Add("x", Projection = true)|]]
            [GlobalAveragePool]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0021", DiagnosticSeverity.Error, "Add(\"x\", Projection = true)",
            "Add #4 (add1): the previous layer's output 3×3×3 and the output 3×11×13 of 'x' cannot be added; along height, 11 → 3 fits a 1×1 convolution of stride 4 or 5, and the layers between (stride 1) do not say which; pad the layers between so that they keep the size, or stride them by the factor meant");
    }

    [Fact]
    public void Cnn0021_projection_of_a_feature_map_onto_a_vector()
    {
        DiagnosticAssert.Single(
            """
            [Network(3, 8, 8)]
            [Conv2D(4, 3, Name = "x")]
            [Dense(10)]
            [[|Add("x", Projection = true)|]]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0021", DiagnosticSeverity.Error, "Add(\"x\", Projection = true)",
            "Add #3 (add1): the previous layer's output 10 and the output 4×6×6 of 'x' cannot be added; no strided 1×1 convolution turns one into the other (the spatial sizes must shrink by one whole stride on every axis)");
    }
}
