using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CnnCompiler.Generator.Tests.DiagnosticTests;

/// <summary>Diagnostics for a class whose own name, members or constructors would collide with the generated code.</summary>
public sealed class NameClashDiagnosticTests
{
    private const string Layers = "[Network(1, 28, 28)]\n[Dense(10)]\n[SoftmaxCrossEntropy]\n";

    [Theory]
    [InlineData("Predict")]
    [InlineData("Parameters")]
    [InlineData("LayerList")]
    public void Cnn0022_class_named_like_a_member_the_generated_code_declares_in_it_is_reported_on_the_class_name(string className)
    {
        DiagnosticAssert.Single(
            Layers + $"public partial class [|{className}|];",
            "CNN0022", DiagnosticSeverity.Error, className,
            $"Network class '{className}' clashes with the member '{className}' that the generated code declares in it; rename the class or move it to another namespace");
    }

    [Fact]
    public void Cnn0022_class_in_the_generators_own_namespace_is_reported_on_the_class_name()
    {
        GeneratorResult result = GeneratorHarness.Run("using CnnCompiler;\nnamespace CnnCompiler.Generated.Mine;\n" + Layers + "public partial class Net;");
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("CNN0022", diagnostic.Id);
        Assert.Equal("Network class 'Net' clashes with the namespace CnnCompiler.Generated.Mine, where the generated code keeps its own types; rename the class or move it to another namespace",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        DiagnosticAssert.AssertNoCascade(result);
    }

    /// <summary>Names the generated code used to look up unqualified, or to declare in the user's class: they are all free now.</summary>
    [Theory]
    [InlineData("Math")]
    [InlineData("Span")]
    [InlineData("var")]
    [InlineData("Layers")]
    [InlineData("Workspace")]
    [InlineData("Definition")]
    [InlineData("ForwardLayers0To15")]
    public void A_class_named_like_a_framework_type_or_a_generated_helper_compiles(string className)
    {
        GeneratorResult result = GeneratorHarness.Run($"using CnnCompiler;\nnamespace Tests;\n{Layers}public partial class {className};");
        Assert.Empty(result.Errors);
        Assert.Single(result.Run.Results[0].GeneratedSources);
    }

    [Theory]
    [InlineData("public int [|Parameters|] => 3;", "Parameters", "a constant, field, property or nested type")]
    [InlineData("private int [|_compiledNetwork|] => 0;", "_compiledNetwork", "a constant, field, property or nested type")]
    [InlineData("public string [|Predict|] = \"\";", "Predict", "a method")]
    [InlineData("public sealed class [|PredictLogits|];", "PredictLogits", "a method")]
    public void Cnn0023_member_named_like_a_generated_member_is_reported_on_the_member(string member, string name, string what)
    {
        DiagnosticAssert.Single(
            Layers + $"public partial class Net\n{{\n    {member}\n}}",
            "CNN0023", DiagnosticSeverity.Error, name,
            $"Network class 'Net' declares '{name}', which the generated code also defines ({what}); rename or remove the member");
    }

    /// <summary>Members named like what the generated code used to keep in the user's class: all free now.</summary>
    [Theory]
    [InlineData("private readonly float[] _parameters = new float[1];")]
    [InlineData("public sealed class Workspace { }")]
    [InlineData("public int BackwardLayers16To31 { get; set; }")]
    [InlineData("public static int Math => 1;")]
    [InlineData("public sealed class Vector256 { }")]
    [InlineData("public sealed class Definition { }")]
    public void A_member_named_like_a_former_helper_compiles(string member)
    {
        GeneratorResult result = GeneratorHarness.Run($"using CnnCompiler;\nnamespace Tests;\n{Layers}public partial class Net\n{{\n    {member}\n}}");
        Assert.Empty(result.Errors);
        Assert.Single(result.Run.Results[0].GeneratedSources);
    }

    [Fact]
    public void A_user_method_overloading_a_generated_method_is_not_a_clash()
    {
        GeneratorResult result = GeneratorHarness.Run(
            "using CnnCompiler;\nnamespace Tests;\n" + Layers +
            "public partial class Net\n{\n    public int Predict(string path) => path.Length;\n    public Net(string name) : this(seed: name.Length) { }\n}");
        Assert.Empty(result.Errors);
        Assert.Single(result.Run.Results[0].GeneratedSources);
    }

    [Theory]
    [InlineData("public [|Net|]() { }", "Net()")]
    [InlineData("public [|Net|](float scale) : base() { }", "Net(float)")]
    public void Cnn0024_constructor_that_does_not_chain_to_the_generated_one_is_reported_on_the_constructor(string constructor, string signature)
    {
        DiagnosticAssert.Single(
            Layers + $"public partial class Net\n{{\n    {constructor}\n}}",
            "CNN0024", DiagnosticSeverity.Error, "Net",
            $"Constructor '{signature}' of network 'Net' does not chain to the generated constructor, so the weights and workspaces would stay uninitialized; add ': this(seed: …)'");
    }

    [Fact]
    public void Cnn0002_record_is_reported_on_the_record_name()
    {
        DiagnosticAssert.Single(
            Layers + "public partial record [|Net|];",
            "CNN0002", DiagnosticSeverity.Error, "Net",
            "Network class 'Net' is a record (its generated equality would compare workspaces); declare the network on a non-generic partial class at namespace level");
    }
}
