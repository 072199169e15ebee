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

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "TestAssembly",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Network{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator; returns its result and every diagnostic of the compilation that includes the generated code.</summary>
    public static GeneratorResult Run(params string[] sources)
    {
        CSharpCompilation compilation = Compile(sources);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
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
