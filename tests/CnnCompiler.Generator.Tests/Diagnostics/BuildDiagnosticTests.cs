using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace CnnCompiler.Generator.Tests.DiagnosticTests;

/// <summary>Diagnostics about the build rather than the declaration: the project's C# version and optimization.</summary>
public sealed class BuildDiagnosticTests
{
    // Block-bodied, so that the declaration itself is valid C# 10 and 11 (a class ending in ';' is C# 12).
    private const string Network =
        """
        [[|Network(1, 28, 28)|]]
        [Conv2D(6, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
        [Dense(10)]
        [SoftmaxCrossEntropy]
        public partial class Net { }
        """;

    [Theory]
    [InlineData(LanguageVersion.CSharp10, "10")]
    [InlineData(LanguageVersion.CSharp11, "11")]
    public void Cnn0027_language_version_older_than_the_generated_code_needs_is_reported_on_the_network_attribute(LanguageVersion version, string shown)
    {
        (string source, TextSpan span) = DiagnosticAssert.Parse(Network);
        GeneratorResult result = GeneratorHarness.Run(new CSharpParseOptions(version), OptimizationLevel.Release, source);
        DiagnosticAssert.Single(result, source, span, "CNN0027", DiagnosticSeverity.Error, "Network(1, 28, 28)",
            $"Network 'Net': the project compiles C# {shown}, but the generated code needs C# 12 or later; set <LangVersion>12</LangVersion> (or newer, or 'latest') in the project, or remove LangVersion to get the SDK's default (C# 12 or later since .NET 8)");
    }

    /// <summary>The minimum is real: a network of every layer kind compiles with C# 12 and reports nothing.</summary>
    [Theory]
    [MemberData(nameof(CompileTests.Cases), MemberType = typeof(CompileTests))]
    public void Generated_code_compiles_with_the_minimum_language_version(CompileTests.Case test)
    {
        GeneratorResult result = GeneratorHarness.Run(new CSharpParseOptions(LanguageVersion.CSharp12), OptimizationLevel.Release, test.Source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Run.Results[0].GeneratedSources);
    }

    [Fact]
    public void Cnn0028_debug_build_is_information_on_the_network_attribute_and_the_network_is_generated()
    {
        (string source, TextSpan span) = DiagnosticAssert.Parse(Network);
        GeneratorResult result = GeneratorHarness.Run(GeneratorHarness.ParseOptions, OptimizationLevel.Debug, source);
        DiagnosticAssert.Single(result, source, span, "CNN0028", DiagnosticSeverity.Info, "Network(1, 28, 28)",
            "Network 'Net' is compiled without optimization (a Debug build), where its generated loops run about 6× slower than in a Release build; build with -c Release (or <Optimize>true</Optimize>) to train or measure at full speed");
    }

    /// <summary>Once per generated network, each on its own [Network]; nothing for a network that is not generated.</summary>
    [Fact]
    public void Cnn0028_is_reported_once_per_generated_network()
    {
        GeneratorResult result = GeneratorHarness.Run(GeneratorHarness.ParseOptions, OptimizationLevel.Debug,
            """
            using CnnCompiler;
            namespace Tests;

            [Network(1, 28, 28)]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class First;

            [Network(1, 8)]
            [Conv1D(2, 3)]
            [MaxPool1D(2)]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class Second;

            [Network(1, 4, 4)]
            [Conv2D(8, 5)]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class Broken;
            """);
        var diagnostics = DiagnosticAssert.All(result);
        Assert.Equal(["CNN0028", "CNN0028", "CNN0007"], diagnostics.Select(d => d.Id));
        Assert.StartsWith("Network 'First' is compiled without optimization", diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.StartsWith("Network 'Second' is compiled without optimization", diagnostics[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.All(diagnostics.Take(2), d => Assert.StartsWith("Network(", result.Output.SyntaxTrees.First().GetText().ToString(d.Location.SourceSpan), StringComparison.Ordinal));
        Assert.Equal(2, result.Run.Results[0].GeneratedSources.Length);
    }
}
