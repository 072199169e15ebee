using System.Diagnostics;
using System.Text;
using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Xunit.Abstractions;

namespace CnnCompiler.Generator.Tests;

/// <summary>
/// Seeded fuzzing of the generator: thousands of random network declarations — plausible networks, lightly mutated
/// ones and pure noise — batched many classes to a compilation. The generator must never throw, and every declared
/// class must end in exactly one of three acceptable ways:
/// <list type="bullet">
/// <item>rejected: at least one CNN error located in the class's declaration (generated source, if any, compiles);</item>
/// <item>valid: no error at all in the class's file, and its generated file exists and compiles without errors;</item>
/// <item>compiler-rejected: the C# compiler reports errors in the class's attributes, and the generator adds no source.</item>
/// </list>
/// The seed is fixed; set <c>CNN_FUZZ_COUNT</c> to run more declarations (and <c>CNN_FUZZ_SEED</c> to explore other seeds).
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20_260_101;
    private const int DefaultCount = 2_400;
    private const int ClassesPerCompilation = 30;

    [Fact]
    public void Fuzz_random_declarations_never_crash_the_generator_and_never_yield_broken_code()
    {
        int count = ReadEnvironment("CNN_FUZZ_COUNT", DefaultCount);
        int seed = ReadEnvironment("CNN_FUZZ_SEED", DefaultSeed);
        var stopwatch = Stopwatch.StartNew();

        // Generate every declaration up front from one Random, so the set depends only on seed and count.
        var random = new Random(seed);
        var declarations = new List<FuzzDeclaration>(count);
        for (int i = 0; i < count; i++) declarations.Add(new DeclarationFuzzer(random, i).Next());

        var batches = declarations.Chunk(ClassesPerCompilation).ToArray();
        var results = new BatchOutcome[batches.Length];
        Parallel.For(0, batches.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) },
            b => results[b] = RunBatch(batches[b]));

        var totals = new Tally();
        var failures = new List<string>();
        foreach (BatchOutcome batch in results)
        {
            totals.Add(batch.Tally);
            failures.AddRange(batch.Failures);
        }
        stopwatch.Stop();

        output.WriteLine($"seed {seed}, {count} declarations in {batches.Length} compilations of up to {ClassesPerCompilation}, " +
            $"{stopwatch.Elapsed.TotalSeconds:F1} s ({Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F0} s of CPU in this test process)");
        double[] seconds = results.Select(r => r.Seconds).Order().ToArray();
        output.WriteLine($"  per compilation: median {seconds[seconds.Length / 2]:F1} s, slowest {seconds[^1]:F1} s (the first ones pay for JIT warm-up)");
        output.WriteLine($"  valid and compiled:            {totals.Valid}");
        output.WriteLine($"  rejected by a CNN diagnostic:  {totals.RejectedByCnn}");
        output.WriteLine($"  rejected by the compiler only: {totals.RejectedByCompiler} (attribute errors, no generated source)");
        output.WriteLine("  CNN diagnostics (diagnostics / classes):");
        foreach (var descriptor in Diagnostics.Descriptors.All)
        {
            totals.DiagnosticCounts.TryGetValue(descriptor.Id, out int diagnostics);
            totals.ClassCounts.TryGetValue(descriptor.Id, out int classes);
            output.WriteLine($"    {descriptor.Id} {descriptor.DefaultSeverity,-7} {diagnostics,6} / {classes,5}  {descriptor.Title}");
        }
        output.WriteLine("  compiler errors in compiler-rejected classes: " +
            string.Join(", ", totals.CompilerErrorCounts.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}")));
        foreach (string failure in failures.Take(20)) output.WriteLine(failure);

        Assert.Equal(count, totals.Valid + totals.RejectedByCnn + totals.RejectedByCompiler + failures.Count);
        Assert.True(failures.Count == 0, $"{failures.Count} fuzz failure(s); the first:\n{string.Join("\n\n", failures.Take(5))}");
        // The mix must keep exercising both sides; a generator change that rejects everything would pass vacuously.
        Assert.True(totals.Valid >= count / 40, $"only {totals.Valid} of {count} declarations compiled");
        Assert.True(totals.RejectedByCnn >= count / 4, $"only {totals.RejectedByCnn} of {count} declarations were rejected by a CNN diagnostic");
    }

    private static int ReadEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out int value) && value > 0 ? value : fallback;

    /// <summary>
    /// <see cref="GeneratorHarness.Run"/> with one change: the compilation is built without concurrency. The batches
    /// already run in parallel, and Roslyn's concurrent build on top of that is several times slower on small machines.
    /// </summary>
    private static GeneratorResult Run(string[] sources)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(sources);
        compilation = compilation.WithOptions(compilation.Options.WithConcurrentBuild(false));
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var generatorDiagnostics);
        return new GeneratorResult(driver.GetRunResult(), output, generatorDiagnostics, output.GetDiagnostics());
    }

    private static BatchOutcome RunBatch(FuzzDeclaration[] batch)
    {
        var outcome = new BatchOutcome();
        var watch = Stopwatch.StartNew();
        GeneratorResult result;
        try
        {
            result = Run(batch.Select(d => d.Source).ToArray());
        }
        catch (Exception exception)
        {
            outcome.Failures.Add($"the harness threw on the batch starting with declaration #{batch[0].Id}: {exception}\n{batch[0].Source}");
            return outcome;
        }

        // The generator itself: no exception, no CS8785 (generator threw), no AD0001 (analyzer threw). One throw silences
        // the generator for the whole compilation, so the batch's classes say nothing more: find the culprits alone.
        bool threw = result.Run.Results.Any(r => r.Exception is not null)
            || result.GeneratorDiagnostics.Concat(result.CompilationDiagnostics).Any(d => d.Id is "CS8785" or "AD0001");
        if (threw)
        {
            foreach (FuzzDeclaration declaration in batch)
            {
                GeneratorResult alone = Run([declaration.Source]);
                Exception? exception = alone.Run.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null);
                Diagnostic? crash = alone.GeneratorDiagnostics.Concat(alone.CompilationDiagnostics).FirstOrDefault(d => d.Id is "CS8785" or "AD0001");
                if (exception is not null || crash is not null)
                {
                    outcome.Failures.Add($"declaration #{declaration.Id} ({declaration.Mode}): the generator threw: {(object?)exception ?? crash}\n{declaration.Source}");
                }
            }
            if (outcome.Failures.Count == 0) outcome.Failures.Add($"batch #{batch[0].Id}: the generator threw, but on no declaration alone");
            return outcome;
        }

        var generated = result.Run.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, StringComparer.Ordinal);
        var claimedHints = new HashSet<string>(StringComparer.Ordinal);
        var compilationErrors = result.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        // Every error must sit in some source file; every CNN diagnostic in some declared class.
        foreach (Diagnostic error in compilationErrors)
        {
            if (error.Location.SourceTree is null) outcome.Failures.Add($"batch #{batch[0].Id}: error without a location: {error}");
        }

        for (int i = 0; i < batch.Length; i++)
        {
            FuzzDeclaration declaration = batch[i];
            string path = $"Network{i}.cs";
            SyntaxTree tree = result.Output.SyntaxTrees.Single(t => t.FilePath == path);
            TextSpan[] classSpans = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()
                .Where(c => c.Identifier.ValueText == declaration.ClassName).Select(c => c.Span).ToArray();
            TextSpan[] attributeSpans = tree.GetRoot().DescendantNodes().OfType<AttributeListSyntax>().Select(a => a.Span).ToArray();

            var cnn = result.GeneratorDiagnostics.Where(d => d.Id.StartsWith("CNN", StringComparison.Ordinal) && PathOf(d) == path).ToList();
            foreach (Diagnostic diagnostic in cnn)
            {
                if (!classSpans.Any(span => span.Contains(diagnostic.Location.SourceSpan)))
                {
                    outcome.Failures.Add(Describe(declaration, $"{diagnostic.Id} is outside the class declaration: {diagnostic}", result, path, null));
                }
            }
            var cnnErrors = cnn.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var classErrors = compilationErrors.Where(d => PathOf(d) == path).ToList();
            bool hasGenerated = generated.ContainsKey(declaration.HintName);
            if (hasGenerated) claimedHints.Add(declaration.HintName);
            string? generatedPath = hasGenerated ? result.Output.SyntaxTrees.Single(t => t.FilePath.EndsWith(declaration.HintName, StringComparison.Ordinal)).FilePath : null;
            var generatedErrors = generatedPath is null ? [] : compilationErrors.Where(d => d.Location.SourceTree?.FilePath == generatedPath).ToList();

            string? failure = null;
            if (generatedErrors.Count > 0)
            {
                failure = $"the generated source has {generatedErrors.Count} error(s), the first: {generatedErrors[0]}";
            }
            else if (cnnErrors.Count > 0)
            {
                outcome.Tally.RejectedByCnn++;
            }
            else if (hasGenerated && classErrors.Count == 0)
            {
                outcome.Tally.Valid++;
            }
            else if (hasGenerated)
            {
                failure = $"source was generated although the class has compiler errors and no CNN error, the first: {classErrors[0]}";
            }
            else if (classErrors.Count == 0)
            {
                failure = "no CNN error, no compiler error and no generated source (a missing diagnostic or a silently skipped network)";
            }
            else if (classErrors.FirstOrDefault(e => !attributeSpans.Any(span => span.Contains(e.Location.SourceSpan))) is { } stray)
            {
                failure = $"a compiler error outside the attributes, with no CNN error: {stray}";
            }
            else
            {
                outcome.Tally.RejectedByCompiler++;
                foreach (Diagnostic error in classErrors) outcome.Tally.CompilerErrorCounts[error.Id] = outcome.Tally.CompilerErrorCounts.GetValueOrDefault(error.Id) + 1;
            }
            if (failure is not null)
            {
                outcome.Failures.Add(Describe(declaration, failure, result, path, generatedPath));
            }

            foreach (Diagnostic diagnostic in cnn) outcome.Tally.DiagnosticCounts[diagnostic.Id] = outcome.Tally.DiagnosticCounts.GetValueOrDefault(diagnostic.Id) + 1;
            foreach (string id in cnn.Select(d => d.Id).Distinct()) outcome.Tally.ClassCounts[id] = outcome.Tally.ClassCounts.GetValueOrDefault(id) + 1;
        }

        foreach (string hint in generated.Keys.Where(h => !claimedHints.Contains(h)))
        {
            outcome.Failures.Add($"batch #{batch[0].Id}: generated '{hint}' belongs to no declared class");
        }
        var cnnOutside = result.GeneratorDiagnostics.Where(d => d.Id.StartsWith("CNN", StringComparison.Ordinal) && PathOf(d) is null).ToList();
        foreach (Diagnostic diagnostic in cnnOutside) outcome.Failures.Add($"batch #{batch[0].Id}: CNN diagnostic without a source location: {diagnostic}");
        outcome.Seconds = watch.Elapsed.TotalSeconds;
        return outcome;
    }

    /// <summary>The file a diagnostic is in: the generator reports CNN diagnostics on file locations without a syntax tree.</summary>
    private static string? PathOf(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree?.FilePath ?? (diagnostic.Location.Kind == LocationKind.ExternalFile ? diagnostic.Location.GetLineSpan().Path : null);

    private static string Describe(FuzzDeclaration declaration, string problem, GeneratorResult result, string path, string? generatedPath)
    {
        var text = new StringBuilder();
        text.AppendLine($"declaration #{declaration.Id} ({declaration.Mode}): {problem}");
        foreach (Diagnostic d in result.GeneratorDiagnostics.Concat(result.CompilationDiagnostics)
                     .Where(d => PathOf(d) == path || (generatedPath is not null && PathOf(d) == generatedPath))
                     .Where(d => d.Severity >= DiagnosticSeverity.Warning).Take(8))
        {
            text.AppendLine("    " + d);
        }
        text.Append(declaration.Source);
        return text.ToString();
    }

    private sealed class BatchOutcome
    {
        public Tally Tally { get; } = new();

        public List<string> Failures { get; } = [];

        public double Seconds { get; set; }
    }

    private sealed class Tally
    {
        public int Valid;
        public int RejectedByCnn;
        public int RejectedByCompiler;

        public Dictionary<string, int> DiagnosticCounts { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> ClassCounts { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> CompilerErrorCounts { get; } = new(StringComparer.Ordinal);



        public void Add(Tally other)
        {
            Valid += other.Valid;
            RejectedByCnn += other.RejectedByCnn;
            RejectedByCompiler += other.RejectedByCompiler;
            Merge(DiagnosticCounts, other.DiagnosticCounts);
            Merge(ClassCounts, other.ClassCounts);
            Merge(CompilerErrorCounts, other.CompilerErrorCounts);
        }

        private static void Merge(Dictionary<string, int> into, Dictionary<string, int> from)
        {
            foreach (var pair in from) into[pair.Key] = into.GetValueOrDefault(pair.Key) + pair.Value;
        }
    }
}

/// <summary>One generated source file holding one network class (and the helpers its arguments refer to).</summary>
internal sealed record FuzzDeclaration(int Id, string Mode, string ClassName, string HintName, string Source);

/// <summary>
/// Builds one random declaration, in one of three modes: <c>plausible</c> tracks shapes so that the network is valid
/// (odd but legal names, spellings and class modifiers included); <c>mutated</c> is a plausible network after two to four
/// mutations (a loss dropped, moved or doubled, a wild value or named argument, a random layer, padding too large, a
/// residual of the wrong shape, …); <c>chaos</c> draws everything at random, extremes, wrong types and non-constants
/// included.
/// </summary>
internal sealed class DeclarationFuzzer(Random random, int id)
{
    private static readonly string[] ReservedishNames =
    [
        "layers", "workspace", "math", "span", "system", "cnnCompiler", "tensorPrimitives", "memoryMarshal", "unsafe",
        "vector256", "weightInit", "activationKernels", "indexMath", "forward", "backward", "outputLength", "inputLength",
        "iNetwork", "parameters", "conv1", "dense1", "pool1", "loss", "relu1", "Conv1", "_", ".", "a..b", "x.", "名前", "Ünï",
    ];

    private static readonly string[] InvalidNames =
        ["", "1abc", "a b", "a-b", "a<b>", "a\\\"b", "a&b", "\\n", "\\t", "💥", "a/b", "9"];

    // Class names the generated code cannot live with: it names framework and runtime types by their simple names
    // (Math, Span, Unsafe, …), which a class of that name shadows, and it adds members (Layers, Workspace, Predict, …),
    // which cannot share the class's name. The generator reports them (CNN0022) instead of emitting broken code.
    internal static readonly string[] ShadowingClassNames =
        ["Layers", "Workspace", "Math", "INetwork", "Span", "System", "CnnCompiler", "TensorPrimitives", "MemoryMarshal", "Unsafe", "Vector256", "WeightInit", "Predict", "Summary"];

    private static readonly string[] OddClassNames = ["Conv1", "Net", "Dense", "Network", "LayerAttribute", "Activation"];

    // Valid networks are what costs time (each generated file is a few hundred to a few thousand lines to compile),
    // so plausible declarations are a small share; mutated and chaotic ones are cheap and exercise the diagnostics.
    private const double PlausibleShare = 0.02;
    private const double MutatedShare = 0.3;

    private readonly string _helpers = $"Helpers{id}";
    private readonly List<string> _extraTypes = [];
    private readonly HashSet<string> _usedNames = [];

    private bool Chance(double p) => random.NextDouble() < p;

    private int Between(int min, int max) => random.Next(min, max + 1);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public FuzzDeclaration Next()
    {
        double modeRoll = random.NextDouble();
        string mode = modeRoll < PlausibleShare ? "plausible" : modeRoll < PlausibleShare + MutatedShare ? "mutated" : "chaos";
        List<string> attributes = mode == "chaos" ? ChaosNetwork() : PlausibleNetwork();
        if (mode == "mutated")
        {
            int mutations = Between(2, 4);
            string network = attributes[0];
            for (int m = 0; m < mutations; m++) Mutate(attributes);
            // Mutations may shuffle [Network] away; without it the class is no network at all, so put it back.
            if (!attributes.Any(a => KindOf(a) == "Network")) attributes.Insert(0, network);
        }

        // The class.
        bool inNamespace = Chance(0.8);
        string ns = inNamespace ? $"Fuzz.N{id}" : "";
        string className = !inNamespace ? $"FuzzNet{id}" : Chance(0.02) ? Pick(ShadowingClassNames) : Chance(0.02) ? Pick(OddClassNames) : $"FuzzNet{id}";
        string accessibility = Pick(new[] { "public ", "public ", "internal ", "" });
        string extraModifier = Chance(0.03) ? "sealed " : Chance(0.02) ? "abstract " : Chance(0.02) ? "static " : "";
        bool partial = mode == "plausible" ? Chance(0.98) : Chance(0.93);
        string typeParameters = Chance(mode == "plausible" ? 0.01 : 0.04) ? Pick(new[] { "<T>", "<T> where T : struct", "<TIn, TOut>" }) : "";
        bool nested = Chance(mode == "plausible" ? 0.005 : 0.02);
        bool fileLocal = Chance(0.005);
        string body = Chance(0.5) ? ";" : Chance(0.5) ? " { }" : Chance(0.8) ? $"\n{{\n    public int UserMember => {Between(0, 9)};\n}}" : Pick(new[]
        {
            // Members the generated partial also declares (CNN0023) and a constructor that skips the generated one
            // (CNN0024). The allowed forms (overloads, chained constructors) refer to generated code, which a class the
            // compiler rejects for its attributes does not get: NameClashDiagnosticTests covers them.
            "\n{\n    public int Parameters => 1;\n}",
            "\n{\n    private readonly float[] _state = [];\n}",
            $"\n{{\n    public {className}() {{ }}\n}}",
        });
        string partialText = partial ? "partial " : "";
        string modifiers = fileLocal && !nested ? "file " + extraModifier : accessibility + extraModifier;

        var source = new StringBuilder();
        source.AppendLine("using CnnCompiler;");
        if (inNamespace) source.AppendLine($"namespace {ns};");
        source.AppendLine();
        string indent = nested ? "    " : "";
        if (nested) source.AppendLine($"public partial class Outer{id}\n{{");
        source.Append(JoinAttributes(attributes, indent));
        source.AppendLine($"{indent}{modifiers}{partialText}class {className}{typeParameters}{(nested && body == ";" ? " { }" : body)}");
        if (nested) source.AppendLine("}");

        // A second partial declaration: empty (harmless) or carrying a layer (ambiguous order, CNN0016).
        if (partial && !nested && typeParameters.Length == 0 && Chance(0.04))
        {
            string layer = Chance(0.5) ? "" : $"[{SimpleLayer()}]\n";
            source.AppendLine($"{layer}{(fileLocal ? "file " : "")}partial class {className} {{ }}");
        }

        source.AppendLine();
        source.AppendLine($"internal static class {_helpers}");
        source.AppendLine("{");
        source.AppendLine("    public const int Three = 3;");
        source.AppendLine("    public const string Word = \"helper\";");
        source.AppendLine("    public static readonly int NotConstant = 3;");
        source.AppendLine("    public static int Property => 4;");
        source.AppendLine("    public static readonly bool Flag = true;");
        source.AppendLine("}");
        foreach (string type in _extraTypes) source.AppendLine(type);

        string hint = (ns.Length == 0 ? "" : ns + ".") + className + ".g.cs";
        return new FuzzDeclaration(id, mode, className, hint, source.ToString());
    }

    private static readonly string[] Losses = ["SoftmaxCrossEntropy", "MeanSquaredError", "BinaryCrossEntropy"];

    private static bool IsLoss(string attribute)
    {
        string kind = KindOf(attribute);
        if (kind.EndsWith("Attribute", StringComparison.Ordinal)) kind = kind.Substring(0, kind.Length - "Attribute".Length);
        return Losses.Any(loss => kind.EndsWith(loss, StringComparison.Ordinal));
    }

    private string JoinAttributes(List<string> attributes, string indent)
    {
        var text = new StringBuilder();
        int i = 0;
        while (i < attributes.Count)
        {
            // Now and then several attributes share one list: [Network(1, 8, 8), Conv2D(4, 3)].
            int take = Chance(0.15) ? Between(2, 3) : 1;
            take = Math.Min(take, attributes.Count - i);
            text.Append(indent).Append('[').Append(string.Join(", ", attributes.Skip(i).Take(take))).AppendLine("]");
            i += take;
        }
        return text.ToString();
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Plausible networks: shapes are tracked so every layer fits; names are unique.

    private List<string> PlausibleNetwork()
    {
        int rank = Between(1, 3);
        int channels = Between(1, 3);
        int[] sizes = rank switch
        {
            1 => [Between(6, 48)],
            2 => [Between(4, 16), Between(4, 16)],
            _ => [Between(3, 7), Between(3, 7), Between(3, 7)],
        };
        var attributes = new List<string> { Network([channels, .. sizes]) };
        int windows = Between(0, 2);
        for (int w = 0; w < windows; w++)
        {
            double roll = random.NextDouble();
            if (roll < 0.1)
            {
                // A residual pair: conv (same) named as the source, conv 1×1 (optionally strided), then [Add].
                int filters = Between(1, 4);
                string source = $"skip{w}";
                bool project = Chance(0.4);
                int step = project ? Between(2, 3) : 1;
                attributes.Add($"Conv{rank}D({filters}, 3, Padding = Padding.Same, Name = \"{source}\")");
                attributes.Add(project ? $"Conv{rank}D({filters + 1}, 1, Stride = {step})" : $"Conv{rank}D({filters}, 1)");
                attributes.Add(project ? $"Add(\"{source}\", Projection = true)" : $"Add(\"{source}\")");
                channels = project ? filters + 1 : filters;
                if (project) for (int a = 0; a < rank; a++) sizes[a] = (sizes[a] - 1) / step + 1;
                continue;
            }
            if (roll < 0.17)
            {
                // A ResNet basic block: 3×3 convolutions with padding 1, the first strided (the shortcut with it).
                int filters = Between(1, 4);
                int stride = Between(1, 4);
                attributes.Add(stride == 1 && Chance(0.5) ? $"BasicBlock({filters})" : $"BasicBlock({filters}, Stride = {stride})");
                channels = filters;
                for (int a = 0; a < rank; a++) sizes[a] = (sizes[a] - 1) / stride + 1;
                continue;
            }
            string? layer = roll < 0.6 ? PlausibleConv(rank, ref channels, sizes) : PlausiblePool(rank, sizes);
            if (layer is null) break;
            attributes.Add(layer);
            if (layer.StartsWith("Conv", StringComparison.Ordinal) && Chance(0.15)) attributes.Add(Pick(new[] { "BatchNorm", "BatchNorm(Momentum = 0.2f)", "BatchNorm(Epsilon = 1e-3f, Momentum = 0f)" }));
            if (Chance(0.2)) attributes.Add(ActivationLayer());
        }
        long length = channels * sizes.Aggregate(1L, (a, b) => a * b);
        bool spatial = true;
        double flattenRoll = random.NextDouble();
        if (flattenRoll < 0.25)
        {
            attributes.Add("Flatten");
            spatial = false;
        }
        else if (flattenRoll < 0.4)
        {
            attributes.Add(Chance(0.5) ? "GlobalAveragePool" : "GlobalMaxPool");
            length = channels;
            spatial = false;
        }
        int hidden = Between(0, 1);
        for (int h = 0; h < hidden; h++)
        {
            attributes.Add(Layer("Dense", [Between(2, 16).ToString()], DenseNamed()));
            if (Chance(0.15)) attributes.Add(Pick(new[] { "Dropout", "Dropout(0.25f)", "Dropout(0f)", "Dropout(rate: 0.5f)" }));
            if (Chance(0.1)) attributes.Add("BatchNorm");
            length = 2;
            spatial = false;
        }
        double lossRoll = random.NextDouble();
        if (lossRoll < 0.08)
        {
            attributes.Add(Layer("Dense", [Between(1, 4).ToString()], DenseNamed(activationAllowed: false)));
            attributes.Add(Layer("MeanSquaredError", [], NameOnly()));
        }
        else if (lossRoll < 0.15)
        {
            attributes.Add(Layer("Dense", ["1"], DenseNamed(activationAllowed: false)));
            attributes.Add(Layer("BinaryCrossEntropy", [], NameOnly()));
        }
        else
        {
            if (!(hidden > 0 && Chance(0.1)) && !(spatial && length >= 2 && Chance(0.1)))
            {
                attributes.Add(Layer("Dense", [Between(2, 10).ToString()], DenseNamed(activationAllowed: false)));
            }
            attributes.Add(Layer("SoftmaxCrossEntropy", [], NameOnly()));
        }
        return attributes;
    }

    private string ActivationLayer() =>
        Pick(new[] { "ReLU", "Sigmoid", "Tanh", "GELU", "ELU", "ELU(0.5f)", "LeakyReLU", "LeakyReLU(0.2f)", "LeakyReLU(negativeSlope: 0f)" });

    private string? PlausibleConv(int rank, ref int channels, int[] sizes)
    {
        int filters = Between(1, 6);
        int minSize = sizes.Min();
        bool perAxisKernel = rank > 1 && Chance(0.25);
        int[] kernel = perAxisKernel ? sizes.Select(s => Between(1, Math.Min(4, s))).ToArray() : Enumerable.Repeat(Between(1, Math.Min(4, minSize)), rank).ToArray();
        var named = new List<string>();
        int[] stride = Enumerable.Repeat(1, rank).ToArray();
        if (Chance(0.3))
        {
            int s = Between(1, 2);
            named.Add($"Stride = {s}");
            Array.Fill(stride, s);
        }
        if (rank > 1 && Chance(0.15))
        {
            int axis = random.Next(rank);
            stride[axis] = Between(1, 3);
            named.Add($"Stride{Axis(rank, axis)} = {stride[axis]}");
        }
        int[] pad = new int[rank];
        bool same = false;
        double paddingRoll = random.NextDouble();
        if (paddingRoll < 0.25)
        {
            same = true;
            named.Add(Chance(0.8) ? "Padding = Padding.Same" : "Padding = (Padding)1");
        }
        else if (paddingRoll < 0.4)
        {
            int p = Between(0, kernel.Min() - 1);
            named.Add($"PaddingSize = {p}");
            Array.Fill(pad, p);
        }
        else if (paddingRoll < 0.45)
        {
            named.Add("Padding = Padding.Valid");
        }
        if (!same && rank > 1 && Chance(0.1))
        {
            int axis = random.Next(rank);
            pad[axis] = Between(0, kernel[axis] - 1);
            named.Add($"Padding{Axis(rank, axis)} = {pad[axis]}");
        }
        if (Chance(0.4)) named.Add($"Activation = Activation.{Pick(new[] { "ReLU", "ReLU", "Sigmoid", "Tanh", "None", "LeakyReLU", "ELU", "GELU" })}");
        if (Chance(0.15)) named.Add($"UseBias = {(Chance(0.5) ? "false" : "true")}");
        named.AddRange(NameOnly());

        int[] output = new int[rank];
        for (int a = 0; a < rank; a++)
        {
            output[a] = same ? (sizes[a] + stride[a] - 1) / stride[a] : (sizes[a] + 2 * pad[a] - kernel[a]) / stride[a] + 1;
            if (output[a] < 1) return null;
        }
        Array.Copy(output, sizes, rank);
        channels = filters;
        string[] positional = perAxisKernel ? [filters.ToString(), .. kernel.Select(k => k.ToString())] : [filters.ToString(), kernel[0].ToString()];
        return Layer($"Conv{rank}D", positional, named);
    }

    private string? PlausiblePool(int rank, int[] sizes)
    {
        int minSize = sizes.Min();
        bool perAxis = rank > 1 && Chance(0.2);
        int[] window = perAxis ? sizes.Select(s => Between(1, Math.Min(3, s))).ToArray() : Enumerable.Repeat(Between(1, Math.Min(3, minSize)), rank).ToArray();
        var named = new List<string>();
        int[] stride = (int[])window.Clone();
        if (Chance(0.3))
        {
            int s = Between(1, 2);
            named.Add($"Stride = {s}");
            Array.Fill(stride, s);
        }
        if (rank > 1 && Chance(0.1))
        {
            int axis = random.Next(rank);
            stride[axis] = Between(1, 2);
            named.Add($"Stride{Axis(rank, axis)} = {stride[axis]}");
        }
        int pad = 0;
        if (Chance(0.15))
        {
            pad = Between(0, window.Min() / 2);
            named.Add($"PaddingSize = {pad}");
        }
        bool average = Chance(0.5);
        if (average && Chance(0.3)) named.Add($"CountIncludePad = {(Chance(0.7) ? "false" : "true")}");
        named.AddRange(NameOnly());
        for (int a = 0; a < rank; a++)
        {
            int output = (sizes[a] + 2 * pad - window[a]) / stride[a] + 1;
            if (output < 1) return null;
            sizes[a] = output;
        }
        string kind = (average ? "Avg" : "Max") + $"Pool{rank}D";
        return Layer(kind, perAxis ? window.Select(w => w.ToString()).ToArray() : [window[0].ToString()], named);
    }

    private List<string> DenseNamed(bool activationAllowed = true)
    {
        var named = new List<string>();
        if (activationAllowed && Chance(0.4)) named.Add($"Activation = Activation.{Pick(new[] { "ReLU", "Sigmoid", "Tanh", "LeakyReLU", "ELU", "GELU" })}");
        if (Chance(0.1)) named.Add("UseBias = false");
        named.AddRange(NameOnly());
        return named;
    }

    private List<string> NameOnly()
    {
        if (!Chance(0.15)) return [];
        for (int attempt = 0; attempt < 5; attempt++)
        {
            string name = Pick(new[] { $"layer{Between(1, 9)}", $"block{Between(1, 3)}.conv", $"stem_{Between(1, 3)}", $"head{Between(1, 5)}", $"L{Between(0, 99)}" });
            if (_usedNames.Add(name)) return [$"Name = \"{name}\""];
        }
        return [];
    }

    private static string Axis(int rank, int axis) => rank switch
    {
        1 => "Length",
        2 => axis == 0 ? "Height" : "Width",
        _ => axis == 0 ? "Depth" : axis == 1 ? "Height" : "Width",
    };

    // ----------------------------------------------------------------------------------------------------------------
    // Mutations of a plausible network and pure chaos.

    private void Mutate(List<string> attributes)
    {
        int lossIndex = attributes.FindLastIndex(IsLoss);
        switch (random.Next(14))
        {
            case 12: // padding as large as the kernel or larger, on a convolution or pooling layer
            {
                int[] windows = Enumerable.Range(0, attributes.Count).Where(i => KindOf(attributes[i]).Contains("Pool", StringComparison.Ordinal) || KindOf(attributes[i]).StartsWith("Conv", StringComparison.Ordinal)).ToArray();
                if (windows.Length > 0)
                {
                    int i = Pick(windows);
                    attributes[i] = AppendArgument(attributes[i].Replace("Padding = Padding.Same", "UseBias = true"), $"PaddingSize = {Between(1, 6)}");
                }
                break;
            }
            case 13: // a residual [Add] of an earlier named layer, whatever its shape
            {
                var names = attributes.SelectMany(a => System.Text.RegularExpressions.Regex.Matches(a, "Name = \"([^\"]*)\"").Select(m => m.Groups[1].Value)).ToList();
                string source = names.Count > 0 && Chance(0.8) ? names[random.Next(names.Count)] : Pick(new[] { "conv1", "pool1", "dense1", "relu1", "flatten1" });
                int at = lossIndex > 0 ? Between(1, lossIndex) : attributes.Count;
                attributes.Insert(at, Chance(0.3) ? $"Add(\"{source}\", Projection = true)" : $"Add(\"{source}\")");
                break;
            }
            case 0: // drop the loss
                if (lossIndex >= 0) attributes.RemoveAt(lossIndex);
                break;
            case 1: // move the loss
                if (lossIndex >= 0 && attributes.Count > 2)
                {
                    string loss = attributes[lossIndex];
                    attributes.RemoveAt(lossIndex);
                    attributes.Insert(Between(0, attributes.Count), loss);
                }
                break;
            case 2: // a second loss
                attributes.Insert(Between(1, attributes.Count), Pick(Losses));
                break;
            case 3: // a random layer somewhere
            case 4:
                attributes.Insert(Between(1, attributes.Count), ChaosLayer());
                break;
            case 5: // replace the input shape
                attributes[0] = ChaosNetworkAttribute();
                break;
            case 6: // duplicate a layer, names and all
                if (attributes.Count > 1)
                {
                    int i = Between(1, attributes.Count - 1);
                    attributes.Insert(i, attributes[i]);
                }
                break;
            case 7: // drop a layer
                if (attributes.Count > 1) attributes.RemoveAt(Between(1, attributes.Count - 1));
                break;
            case 8: // a wild named argument on a layer
            case 9:
                if (attributes.Count > 1)
                {
                    int i = Between(1, attributes.Count - 1);
                    attributes[i] = AppendArgument(attributes[i], WildNamedArgument(KindOf(attributes[i])));
                }
                break;
            default: // a wild value for one number already written
                if (attributes.Count > 0)
                {
                    int i = random.Next(attributes.Count);
                    attributes[i] = ReplaceOneNumber(attributes[i]);
                }
                break;
        }
    }

    private static string KindOf(string attribute)
    {
        int paren = attribute.IndexOf('(');
        return paren < 0 ? attribute : attribute.Substring(0, paren);
    }

    private static string AppendArgument(string attribute, string argument) =>
        attribute.EndsWith(')') ? attribute.Substring(0, attribute.Length - 1) + (attribute.EndsWith("()") ? "" : ", ") + argument + ")" : attribute + "(" + argument + ")";

    private string ReplaceOneNumber(string attribute)
    {
        var numbers = System.Text.RegularExpressions.Regex.Matches(attribute, @"(?<![\w.])\d+(?![\w.])");
        if (numbers.Count == 0) return attribute;
        var match = numbers[random.Next(numbers.Count)];
        return attribute.Substring(0, match.Index) + WildInt() + attribute.Substring(match.Index + match.Length);
    }

    private List<string> ChaosNetwork()
    {
        var attributes = new List<string>();
        if (!Chance(0.03)) attributes.Add(ChaosNetworkAttribute());
        else attributes.Add(Network([1, 8, 8]) + ", Network(1, 4, 4)"); // [Network] twice
        int layers = Between(0, 7);
        for (int i = 0; i < layers; i++) attributes.Add(ChaosLayer());
        if (Chance(0.5)) attributes.Add(Chance(0.7) ? "SoftmaxCrossEntropy" : Pick(Losses));
        if (Chance(0.1) && attributes.Count > 1)
        {
            // [Network] need not come first.
            string network = attributes[0];
            attributes.RemoveAt(0);
            attributes.Insert(Between(0, attributes.Count), network);
        }
        return attributes;
    }

    private string ChaosNetworkAttribute()
    {
        int rank = Chance(0.8) ? Between(2, 4) : Pick(new[] { 0, 1, 5, 6 });
        string[] values = Enumerable.Range(0, rank).Select(_ => Chance(0.75) ? Between(1, 24).ToString() : WildShapeValue()).ToArray();
        return random.Next(12) switch
        {
            0 => "Network",
            1 => "Network()",
            2 => $"Network(new[] {{ {string.Join(", ", values)} }})",
            3 => $"Network(new int[] {{ {string.Join(", ", values)} }})",
            4 => Pick(new[] { "Network(null)", "Network(new int[0])", "Network(default(int[]))", "Network(inputShape: new[] { 1, 8, 8 })", "Network(new[] { 1, 8, 8 }, 4)" }),
            _ => $"Network({string.Join(", ", values)})",
        };
    }

    private string WildShapeValue() => Pick(new[]
    {
        "0", "-1", "-28", "1", "int.MaxValue", "int.MinValue", "2147483647", "65536", "100000", "46341", "4096",
        "\"28\"", "28.0", "28L", $"{_helpers}.NotConstant", $"{_helpers}.Three", "(2 * 14)", "'a'", "null", "default",
    });

    private string Network(int[] shape) => $"Network({string.Join(", ", shape)})";

    private string ChaosLayer()
    {
        string kind = Pick(new[]
        {
            "Conv1D", "Conv2D", "Conv3D", "MaxPool1D", "MaxPool2D", "MaxPool3D", "AvgPool1D", "AvgPool2D", "AvgPool3D",
            "Dense", "Dense", "Flatten", "ReLU", "Sigmoid", "Tanh", "SoftmaxCrossEntropy", "Custom",
            "BatchNorm", "Dropout", "GlobalAveragePool", "GlobalMaxPool", "LeakyReLU", "ELU", "GELU", "Add", "Add", "BasicBlock",
            "MeanSquaredError", "BinaryCrossEntropy", "Multiply",
        });
        int rank = kind.Length > 2 && kind[^1] == 'D' && char.IsDigit(kind[^2]) ? kind[^2] - '0' : 0;
        var positional = new List<string>();
        if (kind.StartsWith("Conv", StringComparison.Ordinal))
        {
            positional.Add(ChaosInt());
            int kernels = rank == 1 || Chance(0.5) ? 1 : rank;
            for (int i = 0; i < kernels; i++) positional.Add(ChaosInt());
        }
        else if (kind.Contains("Pool", StringComparison.Ordinal))
        {
            int windows = rank == 1 || Chance(0.5) ? 1 : rank;
            for (int i = 0; i < windows; i++) positional.Add(ChaosInt());
        }
        else if (kind is "Dense" or "BasicBlock")
        {
            positional.Add(ChaosInt());
        }
        else if (kind is "Dropout" or "LeakyReLU" or "ELU")
        {
            if (Chance(0.7)) positional.Add(WildFloat());
        }
        else if (kind is "Add" or "Multiply")
        {
            positional.Add(WildSource());
        }
        else if (kind == "Custom")
        {
            kind = $"Custom{id}";
            if (!_extraTypes.Any(t => t.Contains($"class {kind}Attribute", StringComparison.Ordinal)))
            {
                _extraTypes.Add($"[System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple = true)]\ninternal sealed class {kind}Attribute : LayerAttribute {{ }}");
            }
        }
        // Missing or extra positional arguments now and then.
        if (positional.Count > 0 && Chance(0.08)) positional.RemoveAt(random.Next(positional.Count));
        if (Chance(0.05)) positional.Add(ChaosInt());

        var named = new List<string>();
        int namedCount = Chance(0.5) ? 0 : Between(1, 3);
        for (int i = 0; i < namedCount; i++) named.Add(WildNamedArgument(kind));
        string spelled = random.Next(20) switch
        {
            0 => "CnnCompiler." + kind,
            1 => kind + "Attribute",
            2 => "global::CnnCompiler." + kind + "Attribute",
            _ => kind,
        };
        if (positional.Count == 0 && named.Count == 0) return Chance(0.2) ? spelled + "()" : spelled;
        if (positional.Count > 1 && Chance(0.05) && kind.StartsWith("Conv", StringComparison.Ordinal))
        {
            // Arguments by parameter name, out of order.
            return $"{spelled}(kernelSize: {positional[1]}, filters: {positional[0]}{string.Concat(named.Select(n => ", " + n))})";
        }
        return Layer(spelled, positional.ToArray(), named);
    }

    private string WildFloat() => Pick(new[]
    {
        "0.5f", "0.1f", "0f", "-0f", "1f", "1.5f", "-0.1f", "0.99999994f", "1e-5f", "float.NaN", "float.PositiveInfinity",
        "float.NegativeInfinity", "float.Epsilon", "float.MaxValue", "0.5", "1", "0", "-1", "\"0.5\"", "(float)0.3", "1 / 3f", "null",
    });

    private string WildSource() => Pick(new[]
    {
        "\"x\"", "\"y\"", "\"first\"", "\"conv1\"", "\"dense1\"", "\"pool1\"", "\"relu1\"", "\"input\"", "\"loss\"", "\"nope\"", "\"\"", "null", "42",
        "\"a.b\"", "\"skip0\"", $"{_helpers}.Word", "nameof(Padding)",
    });

    private string SimpleLayer() => Pick(new[] { "Dense(10)", "ReLU", "Flatten", "SoftmaxCrossEntropy" });

    private string ChaosInt() => Chance(0.5) ? Between(1, 8).ToString() : WildInt();

    private string WildInt() => Pick(new[]
    {
        "0", "-1", "-3", "1", "1", "2", "3", "1000", "65536", "int.MaxValue", "int.MinValue", "2147483647", "-2147483648",
        "\"3\"", "3.5", "3L", "3u", $"{_helpers}.NotConstant", $"{_helpers}.Property", $"{_helpers}.Three", "(1 + 2)",
        "(int.MaxValue + 1)", "unchecked(int.MaxValue + 1)", "default", "null", "'a'", "true", "(int)Padding.Same", "nameof(Padding)", "0x7FFFFFFF", "1_000_000",
    });

    private string WildNamedArgument(string kind)
    {
        string[] properties = kind switch
        {
            _ when kind.StartsWith("Conv", StringComparison.Ordinal) =>
                ["Stride", "Stride", "StrideHeight", "StrideWidth", "StrideDepth", "Padding", "Padding", "PaddingSize", "PaddingSize", "PaddingHeight", "PaddingWidth", "PaddingDepth", "Activation", "Activation", "UseBias", "Name", "Name"],
            _ when kind.Contains("Pool", StringComparison.Ordinal) =>
                ["Stride", "Stride", "StrideHeight", "StrideWidth", "StrideDepth", "PaddingSize", "PaddingSize", "Padding", "CountIncludePad", "Name", "Name"],
            _ when kind.StartsWith("Dense", StringComparison.Ordinal) => ["Activation", "Activation", "UseBias", "Name", "Name"],
            "BatchNorm" => ["Momentum", "Momentum", "Epsilon", "Epsilon", "Name"],
            "Add" => ["Projection", "Projection", "Name"],
            "BasicBlock" => ["Stride", "Stride", "Name"],
            _ => ["Name", "Name", "Name"],
        };
        string property = Chance(0.06)
            ? Pick(new[] { "Strde", "StrideLength", "KernelHeight", "Filters", "Units", "WindowWidth", "InputShape", "Activation", "UseBias" })
            : Pick(properties);
        string value = property switch
        {
            "Padding" => Pick(new[] { "Padding.Same", "Padding.Valid", "(Padding)7", "(Padding)(-1)", "(Padding)2", "(Padding)int.MaxValue", "0", "1", "\"Same\"", "Activation.ReLU", "default" }),
            "Activation" => Pick(new[] { "Activation.ReLU", "Activation.Sigmoid", "Activation.Tanh", "Activation.None", "(Activation)4", "(Activation)(-1)", "(Activation)int.MinValue", "Padding.Same", "0", "1", "\"ReLU\"" }),
            "UseBias" or "Projection" or "CountIncludePad" => Pick(new[] { "true", "false", "1", "\"true\"", $"{_helpers}.Flag", "!true", "default" }),
            "Momentum" or "Epsilon" => WildFloat(),
            "Name" => WildName(),
            _ => Chance(0.5) ? Between(0, 4).ToString() : WildInt(),
        };
        return $"{property} = {value}";
    }

    private string WildName()
    {
        double roll = random.NextDouble();
        if (roll < 0.3) return $"\"{Pick(new[] { "x", "y", "a.b", "first", "second" })}\""; // duplicates likely
        if (roll < 0.55) return $"\"{Pick(ReservedishNames)}\"";
        if (roll < 0.8) return $"\"{Pick(InvalidNames)}\"";
        return Pick(new[] { "null", "42", $"{_helpers}.Word", "nameof(Padding)", "\"a\" + \"b\"", "default", $"{_helpers}.NotConstant.ToString()" });
    }

    private static string Layer(string kind, string[] positional, List<string> named)
    {
        if (positional.Length == 0 && named.Count == 0) return kind;
        return $"{kind}({string.Join(", ", positional.Concat(named))})";
    }
}
