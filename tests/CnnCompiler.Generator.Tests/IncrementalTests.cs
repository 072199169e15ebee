using System.Collections.Immutable;
using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CnnCompiler.Generator.Tests;

/// <summary>
/// The incremental pipeline: an edit that leaves the network as it was must not re-emit it (the plan step is cached or
/// unchanged and so is the source output), and an edit of the network must.
/// </summary>
public sealed class IncrementalTests
{
    private const string Network =
        """
        using CnnCompiler;

        namespace Tests;

        [Network(1, 28, 28)]
        [Conv2D(6, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
        [MaxPool2D(2)]
        [Dense(10)]
        [SoftmaxCrossEntropy]
        public partial class Net;
        """;

    private const string Unrelated =
        """
        namespace Tests;

        public sealed class Helper
        {
            public int Value => 1;
        }
        """;

    private static readonly IncrementalStepRunReason[] Reused = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    [Fact]
    public void First_run_produces_new_outputs_for_every_step()
    {
        (GeneratorDriver driver, _) = FirstRun(Network);
        GeneratorRunResult result = driver.GetRunResult().Results[0];

        Assert.Equal(["Tests.Net.g.cs"], result.GeneratedSources.Select(s => s.HintName));
        foreach (string step in new[] { NetworkGenerator.ParseStep, NetworkGenerator.AnalyzeStep, NetworkGenerator.PlanStep })
        {
            Assert.All(Outputs(result, step), reason => Assert.Equal(IncrementalStepRunReason.New, reason));
        }
        Assert.Contains(IncrementalStepRunReason.New, SourceOutputs(result));
    }

    [Fact]
    public void Adding_an_unrelated_file_reuses_the_plan_and_the_source()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Network);
        string before = GeneratedText(driver);

        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Unrelated, GeneratorHarness.ParseOptions, path: "Helper.cs"));
        driver = driver.RunGenerators(edited);
        GeneratorRunResult result = driver.GetRunResult().Results[0];

        AssertReused(result, NetworkGenerator.ParseStep);
        AssertReused(result, NetworkGenerator.AnalyzeStep);
        AssertReused(result, NetworkGenerator.PlanStep);
        Assert.All(SourceOutputs(result), reason => Assert.Contains(reason, Reused));
        Assert.Equal(before, GeneratedText(driver));
    }

    [Fact]
    public void Editing_an_unrelated_class_reuses_the_plan_and_the_source()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Network, Unrelated);
        string before = GeneratedText(driver);

        CSharpCompilation edited = Replace(compilation, 1, Unrelated.Replace("public int Value => 1;", "public int Value => 2;\n    public string Name => \"helper\";", StringComparison.Ordinal));
        driver = driver.RunGenerators(edited);
        GeneratorRunResult result = driver.GetRunResult().Results[0];

        AssertReused(result, NetworkGenerator.PlanStep);
        Assert.All(SourceOutputs(result), reason => Assert.Contains(reason, Reused));
        Assert.Equal(before, GeneratedText(driver));
    }

    [Theory]
    [InlineData("\n\n\n")]
    [InlineData("// A comment that moves the network down.\n")]
    [InlineData("/// <summary>A documentation comment.</summary>\n")]
    public void Moving_the_network_reuses_the_plan_and_the_source(string inserted)
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Network);
        string before = GeneratedText(driver);

        CSharpCompilation edited = Replace(compilation, 0, Network.Replace("[Network(", inserted + "[Network(", StringComparison.Ordinal));
        driver = driver.RunGenerators(edited);
        GeneratorRunResult result = driver.GetRunResult().Results[0];

        // The declaration moved, so the parse step re-ran; the plan it led to is the same, so nothing is re-emitted.
        Assert.Contains(IncrementalStepRunReason.Modified, Outputs(result, NetworkGenerator.ParseStep));
        AssertReused(result, NetworkGenerator.PlanStep);
        Assert.All(SourceOutputs(result), reason => Assert.Contains(reason, Reused));
        Assert.Equal(before, GeneratedText(driver));
    }

    [Fact]
    public void Adding_a_member_to_the_network_class_reuses_the_plan_and_the_source()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Network);
        string before = GeneratedText(driver);

        CSharpCompilation edited = Replace(compilation, 0, Network.Replace("public partial class Net;", "public partial class Net\n{\n    public string Describe() => \"LeNet-like\";\n}", StringComparison.Ordinal));
        driver = driver.RunGenerators(edited);
        GeneratorRunResult result = driver.GetRunResult().Results[0];

        AssertReused(result, NetworkGenerator.PlanStep);
        Assert.All(SourceOutputs(result), reason => Assert.Contains(reason, Reused));
        Assert.Equal(before, GeneratedText(driver));
    }

    [Fact]
    public void Moving_a_network_with_a_warning_moves_the_warning_but_reuses_the_source()
    {
        string warned = Network.Replace("[MaxPool2D(2)]", "[MaxPool2D(3, 2)]", StringComparison.Ordinal);
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(warned);
        Diagnostic first = Assert.Single(driver.GetRunResult().Diagnostics);
        string before = GeneratedText(driver);

        CSharpCompilation edited = Replace(compilation, 0, warned.Replace("[Network(", "\n\n[Network(", StringComparison.Ordinal));
        driver = driver.RunGenerators(edited);
        GeneratorRunResult result = driver.GetRunResult().Results[0];

        Diagnostic moved = Assert.Single(result.Diagnostics);
        Assert.Equal("CNN0008", moved.Id);
        Assert.Equal(first.Location.GetLineSpan().StartLinePosition.Line + 2, moved.Location.GetLineSpan().StartLinePosition.Line);
        AssertReused(result, NetworkGenerator.PlanStep);
        Assert.All(SourceOutputs(result), reason => Assert.Contains(reason, Reused));
        Assert.Equal(before, GeneratedText(driver));
    }

    /// <summary>
    /// The build settings (language version, optimization) enter the pipeline as plain values: an edit elsewhere keeps
    /// them equal and cached; switching Debug to Release changes only the diagnostics (CNN0028 goes), not the source.
    /// </summary>
    [Fact]
    public void Build_settings_are_cached_across_edits_and_switching_to_release_re_emits_nothing()
    {
        CSharpCompilation debug = GeneratorHarness.Compile(GeneratorHarness.ParseOptions, OptimizationLevel.Debug, Network);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(debug);
        Assert.Equal("CNN0028", Assert.Single(driver.GetRunResult().Diagnostics).Id);
        string before = GeneratedText(driver);

        driver = driver.RunGenerators(debug.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Unrelated, GeneratorHarness.ParseOptions, path: "Helper.cs")));
        GeneratorRunResult result = driver.GetRunResult().Results[0];
        AssertReused(result, NetworkGenerator.SettingsStep);
        AssertReused(result, NetworkGenerator.AnalyzeStep);
        Assert.Equal("CNN0028", Assert.Single(result.Diagnostics).Id);

        driver = driver.RunGenerators(debug.WithOptions(debug.Options.WithOptimizationLevel(OptimizationLevel.Release)));
        result = driver.GetRunResult().Results[0];
        Assert.Equal([IncrementalStepRunReason.Modified], Outputs(result, NetworkGenerator.SettingsStep));
        Assert.Empty(result.Diagnostics);
        AssertReused(result, NetworkGenerator.PlanStep);
        Assert.All(SourceOutputs(result), reason => Assert.Contains(reason, Reused));
        Assert.Equal(before, GeneratedText(driver));
    }

    [Theory]
    [InlineData("[Dense(10)]", "[Dense(12)]", "OutputLength = 12")]
    [InlineData("[MaxPool2D(2)]", "[AvgPool2D(2)]", "AvgPool2D")]
    [InlineData("Activation = Activation.ReLU)]", "Activation = Activation.Tanh)]", "Tanh")]
    public void Changing_a_layer_modifies_the_plan_and_the_source(string from, string to, string expected)
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Network);
        string before = GeneratedText(driver);

        CSharpCompilation edited = Replace(compilation, 0, Network.Replace(from, to, StringComparison.Ordinal));
        driver = driver.RunGenerators(edited);
        GeneratorRunResult result = driver.GetRunResult().Results[0];

        Assert.Equal([IncrementalStepRunReason.Modified], Outputs(result, NetworkGenerator.PlanStep));
        Assert.Contains(IncrementalStepRunReason.Modified, SourceOutputs(result));
        string after = GeneratedText(driver);
        Assert.NotEqual(before, after);
        Assert.Contains(expected, after, StringComparison.Ordinal);
    }

    [Fact]
    public void Breaking_the_network_removes_its_source_and_fixing_it_brings_it_back()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun(Network);
        string before = GeneratedText(driver);

        CSharpCompilation broken = Replace(compilation, 0, Network.Replace("[Dense(10)]", "[Dense(0)]", StringComparison.Ordinal));
        driver = driver.RunGenerators(broken);
        GeneratorRunResult result = driver.GetRunResult().Results[0];
        Assert.Empty(result.GeneratedSources);
        Assert.Equal("CNN0005", Assert.Single(result.Diagnostics).Id);
        Assert.All(Outputs(result, NetworkGenerator.PlanStep), reason => Assert.Equal(IncrementalStepRunReason.Removed, reason));

        driver = driver.RunGenerators(Replace(broken, 0, Network));
        result = driver.GetRunResult().Results[0];
        Assert.Empty(result.Diagnostics);
        Assert.Equal(before, GeneratedText(driver));
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun(params string[] sources)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(sources);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        Assert.Null(driver.GetRunResult().Results[0].Exception);
        return (driver, compilation);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string text)
    {
        SyntaxTree old = compilation.SyntaxTrees[index];
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: old.FilePath));
    }

    private static string GeneratedText(GeneratorDriver driver) =>
        Assert.Single(driver.GetRunResult().Results[0].GeneratedSources).SourceText.ToString();

    /// <summary>The run reason of every output of a tracked step, over all its runs.</summary>
    private static IncrementalStepRunReason[] Outputs(GeneratorRunResult result, string step)
    {
        Assert.True(result.TrackedSteps.TryGetValue(step, out ImmutableArray<IncrementalGeneratorRunStep> runs), $"step '{step}' was not tracked");
        return [.. runs.SelectMany(run => run.Outputs).Select(output => output.Reason)];
    }

    /// <summary>
    /// The run reasons of the source output that adds the generated code: the one fed by the plan step (the other source
    /// output reports the diagnostics, which move with the code).
    /// </summary>
    private static IncrementalStepRunReason[] SourceOutputs(GeneratorRunResult result)
    {
        Assert.True(result.TrackedOutputSteps.TryGetValue(WellKnownGeneratorOutputs.SourceOutput, out ImmutableArray<IncrementalGeneratorRunStep> runs), "no source output was tracked");
        IncrementalGeneratorRunStep[] emitting = [.. runs.Where(run => run.Inputs.Any(input => input.Source.Name == NetworkGenerator.PlanStep))];
        Assert.NotEmpty(emitting);
        return [.. emitting.SelectMany(run => run.Outputs).Select(output => output.Reason)];
    }

    private static void AssertReused(GeneratorRunResult result, string step)
    {
        IncrementalStepRunReason[] reasons = Outputs(result, step);
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason => Assert.Contains(reason, Reused));
    }
}
