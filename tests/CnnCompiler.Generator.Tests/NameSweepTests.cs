using CnnCompiler.Generator.Emit;
using CnnCompiler.Generator.Parsing;
using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CnnCompiler.Generator.Tests;

/// <summary>
/// Generated code compiles beside any name the user writes: every simple name the generated code uses (types,
/// namespaces, members, helpers, locals) is tried in four positions — a type beside the network (plain and generic), a
/// segment of the network's namespace, a member of the network class, and a layer name — and the result compiles with
/// no error, apart from CNN0023 for a member named like one the generated part declares in the class.
/// </summary>
public sealed class NameSweepTests
{
    // The networks of GeneratedNamesTests (every layer kind, every loss), declared with fully qualified attributes so that
    // the user's own declaration does not depend on the names swept beside it.
    private static string Declaration(string classSuffix = "", string extraMembers = "") => $$"""
        [global::CnnCompiler.Network(2, 10, 10)]
        [global::CnnCompiler.Conv2D(4, 3, Padding = global::CnnCompiler.Padding.Same, Name = "stem")]
        [global::CnnCompiler.BatchNorm]
        [global::CnnCompiler.ReLU]
        [global::CnnCompiler.Conv2D(4, 3, Padding = global::CnnCompiler.Padding.Same, Activation = global::CnnCompiler.Activation.GELU)]
        [global::CnnCompiler.Add("stem")]
        [global::CnnCompiler.MaxPool2D(2)]
        [global::CnnCompiler.AvgPool2D(1)]
        [global::CnnCompiler.BasicBlock(8, Stride = 2)]
        [global::CnnCompiler.Upsample2D(2, Mode = global::CnnCompiler.UpsampleMode.Linear)]
        [global::CnnCompiler.Upsample2D(1, 2, Name = "features")]
        [global::CnnCompiler.GlobalAveragePool]
        [global::CnnCompiler.Dense(2, Activation = global::CnnCompiler.Activation.ReLU)]
        [global::CnnCompiler.Dense(8, Activation = global::CnnCompiler.Activation.Sigmoid)]
        [global::CnnCompiler.Multiply("features")]
        [global::CnnCompiler.GlobalAveragePool]
        [global::CnnCompiler.ReLU6]
        [global::CnnCompiler.Hardswish]
        [global::CnnCompiler.Hardsigmoid]
        [global::CnnCompiler.SiLU]
        [global::CnnCompiler.Dropout(0.25f)]
        [global::CnnCompiler.Dense(8, Activation = global::CnnCompiler.Activation.ReLU6)]
        [global::CnnCompiler.Dense(7, Activation = global::CnnCompiler.Activation.SiLU)]
        [global::CnnCompiler.Dense(6, Activation = global::CnnCompiler.Activation.Tanh)]
        [global::CnnCompiler.Dense(3)]
        [global::CnnCompiler.SoftmaxCrossEntropy]
        public partial class Everything{{classSuffix}}
        {
        {{extraMembers}}
        }

        [global::CnnCompiler.Network(1, 16)]
        [global::CnnCompiler.Conv1D(3, 3, Activation = global::CnnCompiler.Activation.ELU)]
        [global::CnnCompiler.MaxPool1D(2)]
        [global::CnnCompiler.GlobalMaxPool]
        [global::CnnCompiler.Dense(2)]
        [global::CnnCompiler.MeanSquaredError]
        public partial class Regressor{{classSuffix}};

        [global::CnnCompiler.Network(1, 4, 4, 4)]
        [global::CnnCompiler.Conv3D(2, 2)]
        [global::CnnCompiler.AvgPool3D(3)]
        [global::CnnCompiler.Flatten]
        [global::CnnCompiler.Dense(1, Activation = global::CnnCompiler.Activation.Sigmoid)]
        [global::CnnCompiler.BinaryCrossEntropy]
        public partial class Probability{{classSuffix}};
        """;

    private static readonly Lazy<string[]> Names = new(CollectNames);

    /// <summary>Every identifier in the generated code of the networks above that a user could declare (no keywords).</summary>
    private static string[] CollectNames()
    {
        GeneratorResult result = GeneratorHarness.Run("namespace Sweep;\n" + Declaration());
        Assert.Empty(result.Errors);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (GeneratedSourceResult source in result.Run.Results.SelectMany(r => r.GeneratedSources))
        {
            foreach (SyntaxToken token in source.SyntaxTree.GetRoot().DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && SyntaxFacts.GetKeywordKind(token.ValueText) == SyntaxKind.None) names.Add(token.ValueText);
            }
        }
        names.ExceptWith(["Everything", "Regressor", "Probability", "Sweep"]);
        return [.. names];
    }

    [Fact]
    public void The_sweep_covers_framework_runtime_and_generated_names()
    {
        Assert.Contains("Math", Names.Value);
        Assert.Contains("Vector256", Names.Value);
        Assert.Contains("Unsafe", Names.Value);
        Assert.Contains("Definition", Names.Value);
        Assert.Contains("Workspace", Names.Value);
        Assert.Contains("Layers", Names.Value);
        Assert.Contains("Network", Names.Value);
        Assert.Contains("Predict", Names.Value);
        Assert.True(Names.Value.Length > 150, $"only {Names.Value.Length} names");
    }

    [Fact]
    public void Types_named_like_every_generated_name_beside_the_network_change_nothing()
    {
        string types = string.Concat(Names.Value.Select(name => $"public class {name} {{ }}\npublic class {name}<T> {{ }}\n"));
        AssertCompiles("namespace Sweep;\n" + Declaration() + "\n" + types);
    }

    [Fact]
    public void Namespaces_named_like_every_generated_name_around_and_beside_the_network_change_nothing()
    {
        string segments = string.Join(".", Names.Value);
        string namespaces = string.Concat(Names.Value.Select(name => $"namespace {name} {{ internal sealed class SweepMarker {{ }} }}\n"));
        AssertCompiles($"namespace Sweep.{segments}\n{{\n{Declaration()}\n}}\n{namespaces}");
    }

    [Fact]
    public void Members_named_like_every_generated_name_change_nothing_except_the_generated_members_themselves()
    {
        string[] free = Names.Value.Where(name => !GeneratedNames.IsMethod(name) && !GeneratedNames.OtherMembers.Contains(name)).ToArray();
        string members = string.Concat(free.Select(name => $"    public static int {name} => 0;\n"));
        AssertCompiles("namespace Sweep;\n" + Declaration(extraMembers: members));

        // The generated part's own members are the one clash, reported as CNN0023 on the member, never as errors in generated code.
        string[] clashing = Names.Value.Where(name => GeneratedNames.IsMethod(name) || GeneratedNames.OtherMembers.Contains(name)).ToArray();
        Assert.NotEmpty(clashing);
        string clashes = string.Concat(clashing.Select(name => $"    public static int {name} => 0;\n"));
        GeneratorResult result = GeneratorHarness.Run("namespace Sweep;\n" + Declaration(extraMembers: clashes));
        Assert.Equal(clashing.Length, result.GeneratorDiagnostics.Count(d => d.Id == "CNN0023"));
        Assert.DoesNotContain(result.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Layers_named_like_every_generated_name_change_nothing()
    {
        string[] layerNames = Names.Value.Where(LayerReader.IsValidName).ToArray();
        // A few networks of dense layers, one named after each name (their identifiers are renamed where needed; the names stay).
        var networks = new List<string>();
        foreach (string[] chunk in layerNames.Chunk(60))
        {
            string layers = string.Concat(chunk.Select(name => $"[global::CnnCompiler.Dense(2, Name = \"{name}\")]\n"));
            networks.Add($"[global::CnnCompiler.Network(1, 2)]\n[global::CnnCompiler.Conv1D(2, 1, Name = \"convolve\")]\n{layers}[global::CnnCompiler.SoftmaxCrossEntropy]\npublic partial class Named{networks.Count};\n");
        }
        AssertCompiles("namespace Sweep;\n" + string.Concat(networks));
    }

    /// <summary>The end of a generated file's path (its hint name carries the whole swept namespace).</summary>
    private static string Tail(string path) => path.Length <= 60 ? path : "…" + path.Substring(path.Length - 60);

    private static void AssertCompiles(string source)
    {
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.NotEmpty(result.Run.Results[0].GeneratedSources);
        string[] errors = result.Errors.Select(d => $"{d.Id} {Tail(d.Location.GetLineSpan().Path)} {d.Location.GetLineSpan().StartLinePosition}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}").Take(20).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors));
    }
}
