using System.Collections.Immutable;
using CnnCompiler.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CnnCompiler.Docs.Tests;

/// <summary>
/// Compiles one Program.cs as `dotnet build` compiles a fresh console project that references the CnnCompiler packages:
/// C# 14, nullable enabled, the implicit usings of the console template, the .NET 10 reference assemblies, the
/// CnnCompiler attribute, runtime and visualization assemblies, and the generator run in process.
/// </summary>
public static class ProgramCompiler
{
    /// <summary>What `&lt;ImplicitUsings&gt;enable&lt;/ImplicitUsings&gt;` gives a Microsoft.NET.Sdk project.</summary>
    public const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(INetwork).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(VisualizeTrainingCurves).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location),
    ];

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp14);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<(Compilation, ImmutableArray<Diagnostic>)>> Cache = new();

    /// <summary>
    /// The compilation with the generated code, and every diagnostic of the generator, the compiler and the emit (each
    /// program is compiled once per test run: several tests look at the README's first one).
    /// </summary>
    public static (Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics) Compile(string program) =>
        Cache.GetOrAdd(program, p => new Lazy<(Compilation, ImmutableArray<Diagnostic>)>(() => CompileOnce(p))).Value;

    private static (Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics) CompileOnce(string program, string path = "Program.cs")
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(program, ParseOptions, path);
        bool topLevelStatements = tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        CSharpCompilation compilation = CSharpCompilation.Create(
            "DocumentedProgram",
            [tree, CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions, "GlobalUsings.g.cs")],
            References,
            new CSharpCompilationOptions(
                topLevelStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Release));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        using var image = new MemoryStream();
        var emit = output.Emit(image);
        return (output, [.. generatorDiagnostics, .. output.GetDiagnostics(), .. emit.Diagnostics.Where(d => !output.GetDiagnostics().Contains(d))]);
    }

    /// <summary>Errors and warnings: what a reader would see in the build output.</summary>
    public static IEnumerable<Diagnostic> Visible(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).DistinctBy(d => d.ToString());
}
