using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CnnCompiler.Generator.Tests;

/// <summary>
/// Layer classes live side by side in the generated <c>Layers</c> class, so a layer named like a runtime type or member
/// the element-wise layer classes use (BatchNorm, Dropout, Kernels, ForwardReLU, Channels, …) must not capture or
/// clash with it: every such name is reserved and the layer's class gets a suffix.
/// </summary>
public sealed class ElementwiseLayerNameTests
{
    [Fact]
    public void Layers_named_like_the_names_element_wise_layer_classes_use_compile()
    {
        GeneratorResult result = GeneratorHarness.Run(
            """
            using CnnCompiler;
            namespace Names;

            [Network(2, 6, 6)]
            [Conv2D(4, 3, Padding = Padding.Same, Name = "batchNorm")]
            [BatchNorm(Name = "forwardReLU")]
            [ReLU(Name = "backwardReLU")]
            [Conv2D(4, 3, Padding = Padding.Same, Name = "residualAdd")]
            [BatchNorm(Name = "fold")]
            [Add("backwardReLU", Name = "channels")]
            [ReLU(Name = "stateOffset")]
            [Dropout(0.25f, Name = "dropout")]
            [Tanh(Name = "activationLayer")]
            [LeakyReLU(0.1f, Name = "span")]
            [ELU(Name = "readOnlySpan")]
            [GELU(Name = "slice")]
            [Sigmoid(Name = "workspace")]
            [GlobalMaxPool(Name = "globalPool")]
            [Dense(4, Name = "kernels")]
            [BatchNorm(Name = "iBatchNormShape")]
            [Dense(3, Name = "forward")]
            [SoftmaxCrossEntropy]
            public partial class Named;
            """);
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.Errors);
        string source = result.GeneratedSource("Named.g.cs");
        // The layers keep their names; only their classes are renamed.
        Assert.Contains("internal static class ForwardReLU_2", source, StringComparison.Ordinal);
        Assert.Contains("internal static class Dropout_2", source, StringComparison.Ordinal);
        Assert.Contains("new(\"forwardReLU\", \"BatchNorm\"", source, StringComparison.Ordinal);
    }
}
