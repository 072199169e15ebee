using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CnnCompiler.Generator.Tests.DiagnosticTests;

/// <summary>Diagnostics for a class whose own name, members or constructors would collide with the generated code.</summary>
public sealed class NameClashDiagnosticTests
{
    private const string Layers = "[Network(1, 28, 28)]\n[Dense(10)]\n[SoftmaxCrossEntropy]\n";

    [Theory]
    [InlineData("Math", "the type System.Math")]
    [InlineData("Span", "the type System.Span<T>")]
    [InlineData("var", "the contextual keyword var")]
    [InlineData("Layers", "the generated member 'Layers'")]
    [InlineData("Predict", "the generated member 'Predict'")]
    [InlineData("ForwardLayers0To15", "the generated member 'ForwardLayers0To15'")]
    public void Cnn0022_class_named_like_something_the_generated_code_uses_is_reported_on_the_class_name(string className, string what)
    {
        DiagnosticAssert.Single(
            Layers + $"public partial class [|{className}|];",
            "CNN0022", DiagnosticSeverity.Error, className,
            $"Network class '{className}' has the name of {what}, which the generated code refers to by that name; rename the class");
    }

    [Theory]
    [InlineData("public int [|Parameters|] => 3;", "Parameters", "a constant, field, property or nested type")]
    [InlineData("private readonly float[] [|_parameters|] = [];", "_parameters", "a constant, field, property or nested type")]
    [InlineData("public sealed class [|Workspace|];", "Workspace", "a constant, field, property or nested type")]
    [InlineData("public string [|Predict|] = \"\";", "Predict", "a method")]
    [InlineData("public int [|BackwardLayers16To31|] { get; set; }", "BackwardLayers16To31", "a method")]
    public void Cnn0023_member_named_like_a_generated_member_is_reported_on_the_member(string member, string name, string what)
    {
        DiagnosticAssert.Single(
            Layers + $"public partial class Net\n{{\n    {member}\n}}",
            "CNN0023", DiagnosticSeverity.Error, name,
            $"Network class 'Net' declares '{name}', which the generated code also defines ({what}); rename or remove the member");
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
