using Microsoft.CodeAnalysis;
using Xunit;

namespace CnnCompiler.Generator.Tests.DiagnosticTests;

/// <summary>Diagnostics about how a network is declared: the class, the layer list, the loss and layer names.</summary>
public sealed class DeclarationDiagnosticTests
{
    [Fact]
    public void Cnn0001_class_not_partial_is_reported_on_the_class_name()
    {
        DiagnosticAssert.Single(
            """
            [Network(1, 28, 28)]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public class [|LeNet|];
            """,
            "CNN0001", DiagnosticSeverity.Error, "LeNet",
            "Network class 'LeNet' must be declared 'partial' so that the generator can add its forward and backward code");
    }

    [Theory]
    [InlineData("public partial class [|Net|]<T>;", "is generic")]
    [InlineData("public static partial class [|Net|];", "is static")]
    public void Cnn0002_generic_or_static_class_is_reported_on_the_class_name(string declaration, string reason)
    {
        DiagnosticAssert.Single(
            $"""
            [Network(1, 28, 28)]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            {declaration}
            """,
            "CNN0002", DiagnosticSeverity.Error, "Net",
            $"Network class 'Net' {reason}; declare the network on a non-generic partial class at namespace level");
    }

    [Fact]
    public void Cnn0002_nested_class_is_reported_on_the_class_name()
    {
        DiagnosticAssert.Single(
            """
            public partial class Models
            {
                [Network(1, 28, 28)]
                [Dense(10)]
                [SoftmaxCrossEntropy]
                public partial class [|Net|];
            }
            """,
            "CNN0002", DiagnosticSeverity.Error, "Net",
            "Network class 'Net' is nested in 'Models'; declare the network on a non-generic partial class at namespace level");
    }

    [Fact]
    public void Cnn0004_network_without_layers_is_reported_on_the_network_attribute()
    {
        DiagnosticAssert.Single(
            """
            [[|Network(1, 28, 28)|]]
            public partial class Net;
            """,
            "CNN0004", DiagnosticSeverity.Error, "Network(1, 28, 28)",
            "Network 'Net' declares no layers; add layer attributes such as [Conv2D], [Dense] and a loss such as [SoftmaxCrossEntropy] after [Network]");
    }

    [Fact]
    public void Cnn0004_a_loss_alone_is_reported_on_the_loss()
    {
        DiagnosticAssert.Single(
            """
            [Network(1, 28, 28)]
            [[|SoftmaxCrossEntropy|]]
            public partial class Net;
            """,
            "CNN0004", DiagnosticSeverity.Error, "SoftmaxCrossEntropy",
            "Network 'Net' declares no layers; add layer attributes such as [Conv2D], [Dense] and a loss such as [SoftmaxCrossEntropy] after [Network]");
    }

    [Fact]
    public void Cnn0010_missing_loss_is_reported_on_the_last_layer()
    {
        DiagnosticAssert.Single(
            """
            [Network(1, 28, 28)]
            [Conv2D(6, 5)]
            [[|Dense(10)|]]
            public partial class Net;
            """,
            "CNN0010", DiagnosticSeverity.Error, "Dense(10)",
            "Network 'Net' ends with Dense #2 (dense1) but has no loss; add a loss such as [SoftmaxCrossEntropy] as the last layer");
    }

    [Fact]
    public void Cnn0011_layer_after_the_loss_is_reported_on_that_layer()
    {
        DiagnosticAssert.Single(
            """
            [Network(1, 28, 28)]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            [[|Dense(3)|]]
            public partial class Net;
            """,
            "CNN0011", DiagnosticSeverity.Error, "Dense(3)",
            "Dense #3 (dense2) follows the loss SoftmaxCrossEntropy #2 (loss); the loss must be the last layer");
    }

    [Fact]
    public void Cnn0014_duplicate_given_name_is_reported_on_the_second_layers_name()
    {
        DiagnosticAssert.Single(
            """
            [Network(1, 28, 28)]
            [Dense(32, Name = "head")]
            [Dense(10, [|Name = "head"|])]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0014", DiagnosticSeverity.Error, "Name = \"head\"",
            "Dense #2 'head': the name 'head' is already used by Dense #1 'head'; layer names must be unique");
    }

    [Fact]
    public void Cnn0014_given_name_that_takes_a_generated_name_is_reported_on_the_layer_that_has_no_name_argument()
    {
        DiagnosticAssert.Single(
            """
            [Network(1, 28, 28)]
            [Dense(32, Name = "dense2")]
            [[|Dense(10)|]]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0014", DiagnosticSeverity.Error, "Dense(10)",
            "Dense #2 (dense2): the name 'dense2' is already used by Dense #1 'dense2'; layer names must be unique");
    }

    [Fact]
    public void Cnn0016_layers_on_two_partial_declarations_are_reported_on_the_network_class()
    {
        DiagnosticAssert.Single(
            """
            [Network(1, 28, 28)]
            [Dense(10)]
            public partial class [|Net|];

            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0016", DiagnosticSeverity.Error, "Net",
            "Network 'Net' declares layers on more than one partial declaration, so their order is ambiguous; keep [Network] and all layer attributes on one declaration");
    }

    [Theory]
    [InlineData("1st")]
    [InlineData("")]
    [InlineData("conv 1")]
    [InlineData("conv-1")]
    public void Cnn0017_invalid_name_is_reported_on_the_name_argument(string name)
    {
        DiagnosticAssert.Single(
            $$"""
            [Network(1, 28, 28)]
            [Dense(10, [|Name = "{{name}}"|])]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0017", DiagnosticSeverity.Error, $"Name = \"{name}\"",
            $"Dense #1: name '{name}' must be a C# identifier-like word (letters, digits, '_' or '.', not starting with a digit)");
    }

    [Fact]
    public void Cnn0018_user_layer_attribute_is_reported_on_the_attribute()
    {
        DiagnosticAssert.Single(
            """
            public sealed class SpatialDropoutAttribute : LayerAttribute;

            [Network(1, 28, 28)]
            [Dense(10)]
            [[|SpatialDropout|]]
            [SoftmaxCrossEntropy]
            public partial class Net;
            """,
            "CNN0018", DiagnosticSeverity.Error, "SpatialDropout",
            "Layer #2: [SpatialDropout] derives from LayerAttribute but is not a layer kind the generator knows");
    }

    [Fact]
    public void Cnn0018_user_attribute_named_like_a_built_in_layer_is_not_read_as_the_built_in()
    {
        DiagnosticAssert.Single(
            """
            [Network(1, 28, 28)]
            [[|Custom.Dense(10)|]]
            [SoftmaxCrossEntropy]
            public partial class Net;

            public static class Custom
            {
                public sealed class DenseAttribute(int units) : LayerAttribute
                {
                    public int Units { get; } = units;
                }
            }
            """,
            "CNN0018", DiagnosticSeverity.Error, "Custom.Dense(10)",
            "Layer #1: [Tests.Custom.Dense] derives from LayerAttribute but is not a layer kind the generator knows");
    }
}
