using System.Runtime.CompilerServices;
using CnnCompiler.Generator.Model;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CnnCompiler.Generator.Tests.Infrastructure;

/// <summary>
/// The plans the generator builds for declarations, read from its tracked pipeline step: what analysis decided, every
/// layer's kernel included, before anything is emitted.
/// </summary>
public static class PlanHarness
{
    /// <summary>The plan of the one network <paramref name="source"/> declares.</summary>
    internal static NetworkPlan PlanOf(string source)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(GeneratorHarness.Compile(source));
        var plans = driver.GetRunResult().Results
            .SelectMany(result => result.TrackedSteps.TryGetValue(NetworkGenerator.PlanStep, out var steps) ? steps : [])
            .SelectMany(step => step.Outputs)
            .Select(output => output.Value)
            .OfType<NetworkPlan>()
            .ToList();
        return Assert.Single(plans);
    }

    /// <summary>The layer named <paramref name="name"/>.</summary>
    internal static LayerPlan Layer(this NetworkPlan plan, string name) =>
        plan.Layers.SingleOrDefault(layer => layer.Name == name) ?? throw new ArgumentException($"{plan.Type.Name} has no layer '{name}'.", nameof(name));

    /// <summary>A declaration file of the repository, with the using directive the samples rely on from their project.</summary>
    public static string Declaration(string relativePath) =>
        "using CnnCompiler;\n\n" + File.ReadAllText(Path.Combine(RepositoryRoot(), relativePath)).Replace("\r\n", "\n");

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
}
