using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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

    /// <summary>A primary constructor cannot chain at all; the message gives the constructor to write instead.</summary>
    [Fact]
    public void Cnn0024_primary_constructor_is_reported_on_its_parameters_with_the_constructor_to_write()
    {
        DiagnosticAssert.Single(
            Layers + "public partial class Net[|(int size, string label)|]\n{\n    public int Size => size + label.Length;\n}",
            "CNN0024", DiagnosticSeverity.Error, "(int size, string label)",
            "Constructor 'Net(int, string)' of network 'Net' does not chain to the generated constructor, so the weights and workspaces would stay uninitialized; a primary constructor cannot chain to another, so declare the parameters on a constructor in the class body that does: public Net(int size, string label) : this(seed: …) { … }");
    }

    /// <summary>
    /// Without the generated constructor the class gets the compiler's implicit one, which cannot call base() either:
    /// the compiler's own error (CS7036, CS0122) then stands on the user's class beside this one, not in generated code.
    /// </summary>
    [Theory]
    [InlineData("public class Base { public Base(int width) { } }", "Base(int)", "CS7036")]
    [InlineData("public class Base { private Base() { } public Base(string name, int width = 3) { } }", "Base(), Base(string, int)", "CS0122")]
    [InlineData("public abstract class Base { internal protected Base(params int[] sizes) { } private protected Base(float scale) { } public Base(bool flag) { } }\npublic class Middle : Base { public Middle(bool flag) : base(flag) { } }", "Middle(bool)", "CS7036")]
    public void Cnn0026_base_class_that_the_generated_constructor_cannot_call_is_reported_on_the_base_type(string baseClass, string constructors, string compilerError)
    {
        string baseName = baseClass.Contains("Middle", StringComparison.Ordinal) ? "Middle" : "Base";
        DiagnosticAssert.Single(
            baseClass + "\n" + Layers + $"public partial class Net : [|{baseName}|];",
            "CNN0026", DiagnosticSeverity.Error, baseName,
            $"Network class 'Net' derives from '{baseName}', whose constructors all need arguments or are inaccessible ({constructors}); the generated constructor Net(int seed = 0) calls base(), so give '{baseName}' an accessible constructor without required parameters (protected is enough), or hold a '{baseName}' in a field instead of deriving from it",
            compilerError);
    }

    [Theory]
    [InlineData("public class Base { public int Parameters => 1; }", "Parameters", "Base", "a constant, field, property or nested type")]
    [InlineData("public class Root { protected int _compiledNetwork => 0; }\npublic class Base : Root;", "_compiledNetwork", "Root", "a constant, field, property or nested type")]
    [InlineData("public class Base { public virtual int Summary => 0; }", "Summary", "Base", "a method")]
    public void Cnn0023_member_inherited_from_a_base_class_is_reported_on_the_base_type(string baseClass, string member, string from, string what)
    {
        DiagnosticAssert.Single(
            baseClass + "\n" + Layers + "public partial class Net : [|Base|]\n{\n    public override int GetHashCode() => 1;\n    public override bool Equals(object? other) => false;\n}",
            "CNN0023", DiagnosticSeverity.Error, "Base",
            $"Network class 'Net' inherits '{member}' from '{from}', which the generated code also defines ({what}); rename or remove the member");
    }

    /// <summary>A base class the generated constructor can call, with members that do not clash, is fine.</summary>
    [Theory]
    [InlineData("public class Base { protected Base(int width = 3) { } public void Predict(string path) { } private int Parameters => 1; }")]
    [InlineData("public abstract class Base { protected Base(params string[] tags) { } public abstract string Describe(); }")]
    public void A_base_class_the_generated_constructor_can_call_compiles(string baseClass)
    {
        string implementation = baseClass.Contains("Describe", StringComparison.Ordinal) ? "public override string Describe() => \"net\";" : "";
        GeneratorResult result = GeneratorHarness.Run("using CnnCompiler;\nnamespace Tests;\n" + baseClass + "\n" + Layers + $"public partial class Net : Base\n{{\n    {implementation}\n}}");
        Assert.Empty(result.Errors);
        Assert.Empty(result.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Single(result.Run.Results[0].GeneratedSources);
    }

    /// <summary>
    /// Class and namespace names that are C# keywords, escaped in source: the generated code escapes them too (the
    /// symbol holds them unescaped) and its file name leaves the '@' out, which hint names do not allow. Compiled at
    /// the highest warning level, where an all-lower-case type name is warned about (CS8981): the user's #pragma
    /// silences it on their declaration, and the generated one does not repeat it.
    /// </summary>
    [Theory]
    [InlineData("namespace Tests;", "@string", "Tests.string.g.cs")]
    [InlineData("namespace @class.@event;", "@partial", "class.event.partial.g.cs")]
    [InlineData("namespace Tests;", "@record", "Tests.record.g.cs")]
    [InlineData("", "@async", "async.g.cs")]
    [InlineData("namespace Tests;", "lenet", "Tests.lenet.g.cs")]
    public void A_class_named_with_a_keyword_escape_compiles(string namespaceDeclaration, string name, string hintName)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile($"using CnnCompiler;\n{namespaceDeclaration}\n#pragma warning disable CS8981\n{Layers}public partial class {name}\n{{\n    public static int Size => new {name}(seed: 1).Parameters.Length;\n}}");
        compilation = compilation.WithOptions(compilation.Options.WithWarningLevel(9999));
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        Assert.Equal(hintName, Path.GetFileName(Assert.Single(output.SyntaxTrees.Skip(1)).FilePath));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
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
