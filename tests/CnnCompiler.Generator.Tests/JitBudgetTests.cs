using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text;
using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Emit;
using Xunit;
using Xunit.Abstractions;
using static System.FormattableString;

namespace CnnCompiler.Generator.Tests;

/// <summary>
/// Shape-specialized code grows with the network: a generated method that gets too big is compiled by RyuJIT with
/// MinOpts (no inlining, no loop optimizations, no CSE, locals kept on the stack), silently and much slower. Before
/// importing a method the JIT switches to MinOpts when it has more than 60,000 bytes of IL, 20,000 IL instructions,
/// 2,000 basic blocks, 2,000 locals (lvaCount: arguments, IL locals and a few temps) or 8,000 local references
/// (DEFAULT_MIN_OPTS_* in dotnet/runtime src/coreclr/jit/compiler.h). These tests compile the generated code of the
/// largest declarations we have, optimized as a Release build is, and hold every generated method to budgets well
/// below those limits.
/// </summary>
public sealed class JitBudgetTests(ITestOutputHelper output)
{
    // The budgets: a safe margin below the JIT's limits, so that a network somewhat larger than the samples (more
    // channels, bigger kernels, more layers) still compiles fully optimized, and so that the test's own estimates
    // (blocks and local references are counted from the IL here, the JIT counts a few more of its own) cannot hide a
    // method that is close to a limit.

    /// <summary>IL bytes: 1/3 of the 60,000-byte limit. Every instruction is at least a byte, so this also keeps the
    /// instruction count at or below 20,000, the instruction limit.</summary>
    public const int MaxIlBytes = 20_000;

    /// <summary>IL locals: 1/4 of the 2,000-local limit, to which the JIT adds the arguments and its own temps. It is
    /// also below 512 (MAX_LV_NUM_COUNT_FOR_INLINING), the local count above which the JIT stops inlining into a method.</summary>
    public const int MaxLocals = 500;

    /// <summary>Basic blocks: 1/2 of the 2,000-block limit.</summary>
    public const int MaxBasicBlocks = 1_000;

    /// <summary>Local and argument references: 1/2 of the 8,000-reference limit (arguments are counted too, on the safe side).</summary>
    public const int MaxLocalReferences = 4_000;

    private const string Header = "using CnnCompiler;\n\n";

    private static string NetworksDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "samples", "Architectures", "Networks");

    /// <summary>The deep CIFAR ResNets declared here (<see cref="CifarResNet"/>), by name, with their blocks per stage.</summary>
    private static readonly (string Name, int BlocksPerStage)[] DeepResNets = [("ResNet56", 9), ("ResNet110", 18)];

    /// <summary>Every network of samples/Architectures/Networks (by file name), LeNet-5, the deep ResNets and the CompileTests declarations.</summary>
    public static TheoryData<string> Networks
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string file in Directory.GetFiles(NetworksDirectory(), "*.cs").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileNameWithoutExtension(file));
            }
            data.Add("LeNet5");
            foreach ((string name, _) in DeepResNets) data.Add(name);
            foreach (CompileTests.Case test in CompileTests.Cases)
            {
                if (test.Name != "LeNet-5") data.Add("CompileTests: " + test.Name);
            }
            return data;
        }
    }

    private static string SourceOf(string network)
    {
        if (network == "LeNet5") return Header + "namespace CnnCompiler.Samples.LeNet;\n\n" + SnapshotTests.LeNet5Declaration + "\n";
        foreach ((string name, int blocksPerStage) in DeepResNets)
        {
            if (network == name) return CifarResNet(name, blocksPerStage);
        }
        const string compileTests = "CompileTests: ";
        if (network.StartsWith(compileTests, StringComparison.Ordinal))
        {
            foreach (CompileTests.Case test in CompileTests.Cases)
            {
                if (test.Name == network[compileTests.Length..]) return test.Source;
            }
            throw new ArgumentException($"No CompileTests case {network}", nameof(network));
        }
        return Header + File.ReadAllText(Path.Combine(NetworksDirectory(), network + ".cs"));
    }

    /// <summary>
    /// ResNet-(6n + 2) for 3×32×32 images, declared as samples/Architectures/Networks/ResNet20.cs declares ResNet-20
    /// (n = 3): a 3×3 stem, three stages of n basic blocks with 16, 32 and 64 channels (the first block of stages 2 and 3
    /// halves the size, with a projection shortcut), global average pooling and a 10-way classifier. ResNet-56 (n = 9)
    /// and ResNet-110 (n = 18) are He et al.'s deep CIFAR networks: 198 and 387 layers (ResNet-20 has 72), whose network-level methods
    /// (passes, constructors, tables) must not grow with the depth.
    /// </summary>
    public static string CifarResNet(string name, int blocksPerStage)
    {
        var source = new StringBuilder(Header);
        source.Append("namespace CnnCompiler.Samples.Architectures;\n\n");
        source.Append(Invariant($"// ResNet-{6 * blocksPerStage + 2} for 3×32×32 images: three stages of {blocksPerStage} basic blocks with 16, 32 and 64 channels.\n"));
        source.Append("[Network(3, 32, 32)]\n");
        source.Append("[Conv2D(16, 3, PaddingSize = 1, UseBias = false, Name = \"conv1\")]\n");
        source.Append("[BatchNorm(Name = \"bn1\")]\n");
        source.Append("[ReLU]\n");
        int[] channels = [16, 32, 64];
        for (int stage = 0; stage < channels.Length; stage++)
        {
            for (int block = 0; block < blocksPerStage; block++)
            {
                string stride = stage > 0 && block == 0 ? ", Stride = 2" : "";
                source.Append(Invariant($"[BasicBlock({channels[stage]}{stride}, Name = \"layer{stage + 1}.{block}\")]\n"));
            }
        }
        source.Append("[GlobalAveragePool]\n");
        source.Append("[Dense(10, Name = \"fc\")]\n");
        source.Append("[SoftmaxCrossEntropy]\n");
        source.Append($"public partial class {name};\n");
        return source.ToString();
    }

    /// <summary>The declaration builder gives ResNet-20 exactly as the sample declares it.</summary>
    [Fact]
    public void CifarResNet_with_three_blocks_per_stage_is_the_ResNet20_sample()
    {
        static IEnumerable<string> Attributes(string source) =>
            source.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith('[') || line.StartsWith("public partial class", StringComparison.Ordinal));
        Assert.Equal(Attributes(SourceOf("ResNet20")), Attributes(CifarResNet("ResNet20", 3)));
    }

    [Fact]
    public void Every_sample_network_is_measured()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string network in Networks) names.Add(network);
        Assert.Superset(new HashSet<string>(["ResNet20", "ResNet56", "ResNet110", "VggSmall", "AlexNetSmall", "SignalNet", "ClipNet", "MultispectralNet", "LeNet5"]), names);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Generated_methods_stay_within_the_JIT_budget(string network)
    {
        IReadOnlyList<MethodIlMetrics> methods = MeasureGenerated(SourceOf(network));
        Assert.NotEmpty(methods);
        output.WriteLine(Table(network, methods));

        string[] over = methods.Select(OverBudget).Where(reason => reason is not null).Select(reason => reason!).ToArray();
        Assert.True(over.Length == 0,
            $"{network}: {over.Length} generated method(s) over the JIT budget, at risk of being compiled with MinOpts:\n  " + string.Join("\n  ", over));
    }

    /// <summary>The checker itself: hand-written methods over each budget are flagged, for that budget only, and a small one is not.</summary>
    [Fact]
    public void Oversized_methods_are_flagged()
    {
        var source = new StringBuilder("namespace Synthetic;\n\npublic static class Oversized\n{\n");

        // 3,000 straight-line statements of ~23 bytes each: over the IL budget (and over the JIT's own 60,000-byte
        // limit), and 6,000 argument references.
        source.Append("    public static double Straight(double v)\n    {\n");
        for (int i = 0; i < 3000; i++) source.Append("        v = v * 1.0001 + 0.5;\n");
        source.Append("        return v;\n    }\n\n");

        // 1,200 ifs of 9 bytes each: two blocks each (the test and the assignment), 2,400 blocks in 10,800 bytes.
        source.Append("    public static int Branchy(int x)\n    {\n");
        for (int i = 0; i < 1200; i++) source.Append($"        if (x > {i % 7}) x ^= {i % 5 + 1};\n");
        source.Append("        return x;\n    }\n\n");

        // 600 locals all live at once.
        source.Append("    public static int ManyLocals(int x)\n    {\n");
        for (int i = 0; i < 600; i++) source.Append($"        int a{i} = x * {i + 2};\n");
        source.Append("        int sum = 0;\n");
        for (int i = 0; i < 600; i++) source.Append($"        sum += a{i} * a{i};\n");
        source.Append("        return sum;\n    }\n\n");

        source.Append("    public static int Small(int x) => x + 1;\n}\n");

        Dictionary<string, MethodIlMetrics> methods = Measure(CompileRelease(source.ToString()), "Synthetic.Oversized").ToDictionary(m => m.Name);
        output.WriteLine(Table("Synthetic", methods.Values.ToList()));

        MethodIlMetrics straight = methods["Oversized.Straight(double)"];
        Assert.True(straight.IlBytes > 60_000, $"{straight}");
        Assert.Equal(1, straight.BasicBlocks);
        Assert.Equal(6_001, straight.LocalReferences); // ldarg and starg per statement, and the return
        Assert.StartsWith(Invariant($"Oversized.Straight(double): IL {straight.IlBytes:N0} bytes > 20,000, local references 6,001 > 4,000 (measured"), OverBudget(straight), StringComparison.Ordinal);

        MethodIlMetrics branchy = methods["Oversized.Branchy(int)"];
        Assert.Equal(2_401, branchy.BasicBlocks); // 2 per if, and the return
        Assert.Equal(0, branchy.Locals);
        Assert.StartsWith("Oversized.Branchy(int): 2,401 basic blocks > 1,000 (measured", OverBudget(branchy), StringComparison.Ordinal);

        MethodIlMetrics manyLocals = methods["Oversized.ManyLocals(int)"];
        Assert.True(manyLocals.Locals >= 600, $"{manyLocals}");
        Assert.Equal(1, manyLocals.BasicBlocks);
        Assert.StartsWith(Invariant($"Oversized.ManyLocals(int): {manyLocals.Locals:N0} locals > 500 (measured"), OverBudget(manyLocals), StringComparison.Ordinal);

        Assert.Null(OverBudget(methods["Oversized.Small(int)"]));
    }

    /// <summary>The IL walker on small methods whose blocks are known, and the figures against reflection's own reading of the bodies.</summary>
    [Fact]
    public void Il_walker_counts_blocks_of_branches_switches_and_exception_regions()
    {
        const string source =
            """
            namespace Synthetic;

            public static class Shapes
            {
                // entry (test), then-branch, else-branch.
                public static int Abs(int x)
                {
                    if (x < 0) return -x;
                    return x;
                }

                // entry (switch), the branch to the default after the switch, three cases, the default.
                public static int Pick(int x)
                {
                    switch (x)
                    {
                        case 0: return 10;
                        case 1: return 20;
                        case 2: return 30;
                        default: return 0;
                    }
                }

                // try, catch handler, the code after both.
                public static int Guard(int x)
                {
                    try { x = checked(x * 3); }
                    catch (System.OverflowException) { x = -1; }
                    return x;
                }

                // a long branch (br, not br.s) back over 200 bytes: loop head, body, exit.
                public static double Loop(double[] values)
                {
                    double sum = 0;
                    for (int i = 0; i < values.Length; i++)
                    {
                        sum += values[i] * 1.5 + 2.5 * values[i] - 3.5 / values[i] + 4.5 * values[i] * values[i] + 5.5 * values[i] * values[i] * values[i]
                             + 6.5 * values[i] + 7.5 * values[i] + 8.5 * values[i] + 9.5 * values[i] + 10.5 * values[i] + 11.5 * values[i] + 12.5 * values[i]
                             + 13.5 * values[i] + 14.5 * values[i] + 15.5 * values[i] + 16.5 * values[i] + 17.5 * values[i] + 18.5 * values[i];
                    }
                    return sum;
                }
            }
            """;
        byte[] image = CompileRelease(source);
        Dictionary<string, MethodIlMetrics> methods = Measure(image, "Synthetic.Shapes").ToDictionary(m => m.Name);
        output.WriteLine(Table("Shapes", methods.Values.ToList()));

        Assert.Equal(3, methods["Shapes.Abs(int)"].BasicBlocks);
        Assert.Equal(3, methods["Shapes.Abs(int)"].LocalReferences);
        Assert.Equal(6, methods["Shapes.Pick(int)"].BasicBlocks);
        Assert.Equal(3, methods["Shapes.Guard(int)"].BasicBlocks);
        MethodIlMetrics loop = methods["Shapes.Loop(double[])"];
        Assert.True(loop.IlBytes > 256, $"{loop}");
        Assert.Equal(4, loop.BasicBlocks); // entry (br to the condition), body, condition (Roslyn puts it after the body, blt back), exit

        // IL size and local count as reflection reads them from the loaded assembly.
        var context = new AssemblyLoadContext("JitBudgetShapes", isCollectible: true);
        try
        {
            Type shapes = context.LoadFromStream(new MemoryStream(image)).GetType("Synthetic.Shapes", throwOnError: true)!;
            foreach (MethodInfo method in shapes.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                MethodBody body = method.GetMethodBody()!;
                MethodIlMetrics measured = methods.Values.Single(m => m.Name.StartsWith("Shapes." + method.Name + "(", StringComparison.Ordinal));
                Assert.Equal(body.GetILAsByteArray()!.Length, measured.IlBytes);
                Assert.Equal(body.LocalVariables.Count, measured.Locals);
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Null if the method is within every budget, else one line naming it with every figure over budget.</summary>
    public static string? OverBudget(MethodIlMetrics method)
    {
        var over = new List<string>();
        if (method.IlBytes > MaxIlBytes) over.Add(Invariant($"IL {method.IlBytes:N0} bytes > {MaxIlBytes:N0}"));
        if (method.Locals > MaxLocals) over.Add(Invariant($"{method.Locals:N0} locals > {MaxLocals:N0}"));
        if (method.BasicBlocks > MaxBasicBlocks) over.Add(Invariant($"{method.BasicBlocks:N0} basic blocks > {MaxBasicBlocks:N0}"));
        if (method.LocalReferences > MaxLocalReferences) over.Add(Invariant($"local references {method.LocalReferences:N0} > {MaxLocalReferences:N0}"));
        return over.Count == 0
            ? null
            : Invariant($"{method.Name}: {string.Join(", ", over)} (measured: IL {method.IlBytes:N0} bytes, {method.Locals:N0} locals, {method.BasicBlocks:N0} blocks, {method.LocalReferences:N0} local references)");
    }

    /// <summary>
    /// Runs the generator over a Release compilation of the source, emits user and generated code together, and measures
    /// the methods of the types the generator declared (and of their nested types, compiler-generated ones included).
    /// </summary>
    private static IReadOnlyList<MethodIlMetrics> MeasureGenerated(string source)
    {
        CSharpCompilation input = GeneratorHarness.Compile(source);
        input = input.WithOptions(input.Options.WithOptimizationLevel(OptimizationLevel.Release));
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation compiled, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Assert.Empty(generatorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));

        SyntaxTree[] generated = compiled.SyntaxTrees.Except(input.SyntaxTrees).ToArray();
        Assert.NotEmpty(generated);
        var generatedTypes = new HashSet<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in generated)
        {
            SemanticModel model = compiled.GetSemanticModel(tree);
            foreach (BaseTypeDeclarationSyntax declaration in tree.GetRoot().DescendantNodes(node => node is not BaseTypeDeclarationSyntax).OfType<BaseTypeDeclarationSyntax>())
            {
                INamedTypeSymbol type = model.GetDeclaredSymbol(declaration) ?? throw new InvalidOperationException($"No symbol for {declaration.Identifier}");
                generatedTypes.Add(type.ContainingNamespace.IsGlobalNamespace ? type.MetadataName : type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName);
            }
        }
        Assert.NotEmpty(generatedTypes);
        return Measure(Emit(compiled), generatedTypes.ToArray());
    }

    private static byte[] CompileRelease(string source)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(source);
        return Emit(compilation.WithOptions(compilation.Options.WithOptimizationLevel(OptimizationLevel.Release)));
    }

    private static byte[] Emit(Compilation compilation)
    {
        using var image = new MemoryStream();
        EmitResult emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return image.ToArray();
    }

    private static IReadOnlyList<MethodIlMetrics> Measure(byte[] image, params string[] topLevelTypes)
    {
        using var stream = new MemoryStream(image, writable: false);
        return IlMetrics.Measure(stream, topLevelTypes.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The 10 largest methods by IL size, with their figures and the budgets, so the margin shows in the test output.</summary>
    private static string Table(string network, IReadOnlyList<MethodIlMetrics> methods)
    {
        MethodIlMetrics[] top = methods.OrderByDescending(m => m.IlBytes).ThenBy(m => m.Name, StringComparer.Ordinal).Take(10).ToArray();
        // The methods outside the per-layer classes (passes, constructors, tables, the workspace): the ones that would
        // grow with the depth if they did something per layer inline.
        MethodIlMetrics[] networkLevel = methods.Where(m => !m.Name.Contains(".Layers.", StringComparison.Ordinal))
            .OrderByDescending(m => m.IlBytes).ThenBy(m => m.Name, StringComparer.Ordinal).Take(6).ToArray();
        int width = Math.Max("method".Length, top.Concat(networkLevel).Max(m => m.Name.Length));
        var table = new StringBuilder();
        table.AppendLine(Invariant($"{network}: {methods.Count} methods; largest by IL size (budgets: IL {MaxIlBytes:N0} bytes, {MaxLocals:N0} locals, {MaxBasicBlocks:N0} blocks, {MaxLocalReferences:N0} local references)"));
        table.AppendLine($"  {"method".PadRight(width)}  {"IL bytes",8}  {"locals",6}  {"blocks",6}  {"loc refs",8}");
        foreach (MethodIlMetrics m in top)
        {
            table.AppendLine(Invariant($"  {m.Name.PadRight(width)}  {m.IlBytes,8:N0}  {m.Locals,6:N0}  {m.BasicBlocks,6:N0}  {m.LocalReferences,8:N0}"));
        }
        table.AppendLine(Invariant($"  max: IL {methods.Max(m => m.IlBytes):N0} bytes, {methods.Max(m => m.Locals):N0} locals, {methods.Max(m => m.BasicBlocks):N0} blocks, {methods.Max(m => m.LocalReferences):N0} local references"));
        if (networkLevel.Length > 0 && networkLevel.Length < methods.Count)
        {
            table.AppendLine("  largest network-level methods (outside Layers):");
            foreach (MethodIlMetrics m in networkLevel)
            {
                table.AppendLine(Invariant($"  {m.Name.PadRight(width)}  {m.IlBytes,8:N0}  {m.Locals,6:N0}  {m.BasicBlocks,6:N0}  {m.LocalReferences,8:N0}"));
            }
        }
        return table.ToString();
    }
}
