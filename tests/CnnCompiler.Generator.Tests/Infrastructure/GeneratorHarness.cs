using System.Collections.Immutable;
using CnnCompiler.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CnnCompiler.Generator.Tests.Infrastructure;

/// <summary>
/// Runs the generator in memory over C# source, offline: references come from Basic.Reference.Assemblies (the .NET 10
/// reference set) plus the CnnCompiler attribute and runtime assemblies this test project builds.
/// </summary>
public static class GeneratorHarness
{
    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(INetwork).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location),
    ];

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>
    /// A compilation of <paramref name="sources"/> (Network0.cs, Network1.cs, …). Optimized, as the project's builds are
    /// (-c Release): a Debug compilation adds CNN0028 to every network, which BuildDiagnosticTests cover on their own.
    /// </summary>
    public static CSharpCompilation Compile(params string[] sources) => Compile(ParseOptions, OptimizationLevel.Release, sources);

    public static CSharpCompilation Compile(CSharpParseOptions parseOptions, OptimizationLevel optimization, params string[] sources) =>
        CSharpCompilation.Create(
            "TestAssembly",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parseOptions, path: $"Network{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: optimization));

    public static GeneratorDriver CreateDriver(bool trackSteps = false, CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()],
            parseOptions: parseOptions ?? ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator; returns its result and every diagnostic of the compilation that includes the generated code.</summary>
    public static GeneratorResult Run(params string[] sources) => Run(ParseOptions, OptimizationLevel.Release, sources);

    /// <summary>
    /// <see cref="Run(string[])"/> in another language version or without optimization: the driver gets the same parse
    /// options as the trees, as a build gives it the project's.
    /// </summary>
    public static GeneratorResult Run(CSharpParseOptions parseOptions, OptimizationLevel optimization, params string[] sources)
    {
        CSharpCompilation compilation = Compile(parseOptions, optimization, sources);
        GeneratorDriver driver = CreateDriver(parseOptions: parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorDriverRunResult run = driver.GetRunResult();
        return new GeneratorResult(run, output, generatorDiagnostics, output.GetDiagnostics());
    }
}

/// <summary>What one generator run produced.</summary>
/// <param name="Run">The driver's result: generated sources and the generator's own diagnostics.</param>
/// <param name="Output">The compilation including the generated sources.</param>
/// <param name="GeneratorDiagnostics">Diagnostics the generator reported (CNN…, or CS8785 if it threw).</param>
/// <param name="CompilationDiagnostics">Diagnostics of compiling the user's code together with the generated code.</param>
public sealed record GeneratorResult(GeneratorDriverRunResult Run, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, ImmutableArray<Diagnostic> CompilationDiagnostics)
{
    public IEnumerable<Diagnostic> Errors => CompilationDiagnostics.Concat(GeneratorDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error);

    public string GeneratedSource(string hintNameEnd) =>
        Run.Results.SelectMany(r => r.GeneratedSources).Single(s => s.HintName.EndsWith(hintNameEnd, StringComparison.Ordinal)).SourceText.ToString();
}
