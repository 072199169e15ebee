using System.Runtime.CompilerServices;
using CnnCompiler.Generator.Model;
using Microsoft.CodeAnalysis;

namespace CnnCompiler.Generator.Tests.Infrastructure;

/// <summary>
/// The plans the generator emits from, read from its tracked Plan step: tests assert the decisions analysis recorded
/// (each layer's <see cref="LayerPlan.Kernel"/>) without reading generated code.
/// </summary>
public static class PlanHarness
{
    /// <summary>The plan of the one network declared in <paramref name="source"/>, which must analyze without errors.</summary>
    internal static NetworkPlan Plan(string source)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(GeneratorHarness.Compile(source));
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert(result.Diagnostics.All(d => d.Severity < DiagnosticSeverity.Error), string.Join("\n", result.Diagnostics));
        return result.TrackedSteps[NetworkGenerator.PlanStep].SelectMany(step => step.Outputs).Select(output => (NetworkPlan)output.Value).Single();
    }

    /// <summary>The layer named <paramref name="name"/> (its PyTorch-style name: "layer1.0.bn2").</summary>
    internal static LayerPlan Layer(this NetworkPlan plan, string name) =>
        plan.Layers.SingleOrDefault(layer => layer.Name == name) ?? throw new ArgumentException($"{plan.Type.Name} has no layer '{name}'.", nameof(name));

    /// <summary>A declaration file of the repository, with the using directive the samples rely on from their project.</summary>
    public static string Declaration(string relativePath) =>
        "using CnnCompiler;\n\n" + File.ReadAllText(Path.Combine(RepositoryRoot(), relativePath)).Replace("\r\n", "\n");

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));

    private static void Assert(bool condition, string message)
    {
        if (!condition) throw new Xunit.Sdk.XunitException("The network does not analyze: " + message);
    }
}
