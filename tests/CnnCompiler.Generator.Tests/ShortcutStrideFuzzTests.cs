using System.Text;
using CnnCompiler.Generator.Model;
using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CnnCompiler.Generator.Tests;

/// <summary>
/// Seeded property tests of residual shortcuts over random shapes, on the generator's plans: a [BasicBlock]'s
/// downsample has the block's stride on every axis (torchvision's rule: present exactly when the block strides or
/// changes the channel count), and an [Add(…, Projection = true)] beside a strided convolution has that convolution's
/// stride on every axis, whatever the sizes. The broad fuzz (<see cref="FuzzTests"/>) compiles such networks too.
/// </summary>
public sealed class ShortcutStrideFuzzTests
{
    private const int Seed = 20_261_216;
    private const int Declarations = 240;
    private const int PerCompilation = 40;

    [Fact]
    public void A_basic_blocks_shortcut_has_the_blocks_stride_on_every_axis()
    {
        var random = new Random(Seed);
        var expected = new List<(string Class, string Block, int Stride, bool Downsample)>();
        var sources = new List<string>();
        for (int i = 0; i < Declarations; i++)
        {
            int rank = random.Next(1, 4);
            int channels = random.Next(1, 5);
            int[] sizes = Enumerable.Range(0, rank).Select(_ => random.Next(1, rank == 3 ? 10 : 24)).ToArray();
            var attributes = new StringBuilder($"[Network({channels}, {string.Join(", ", sizes)})]\n");
            int blocks = random.Next(1, 4);
            for (int b = 1; b <= blocks; b++)
            {
                int filters = random.Next(1, 5);
                int stride = random.Next(1, 7);
                attributes.Append(stride == 1 && random.Next(2) == 0 ? $"[BasicBlock({filters})]\n" : $"[BasicBlock({filters}, Stride = {stride})]\n");
                expected.Add(($"Blocks{i}", $"block{b}", stride, stride != 1 || channels != filters));
                channels = filters;
            }
            attributes.Append("[GlobalAveragePool]\n[Dense(2)]\n[SoftmaxCrossEntropy]\n");
            sources.Add($"{attributes}public partial class Blocks{i};\n");
        }

        Dictionary<string, NetworkPlan> plans = Plans(sources);
        Assert.Equal(Declarations, plans.Count);
        foreach (var (className, block, stride, downsample) in expected)
        {
            NetworkPlan plan = plans[className];
            LayerPlan conv1 = plan.Layers.Single(l => l.Name == block + ".conv1");
            LayerPlan bn2 = plan.Layers.Single(l => l.Name == block + ".bn2");
            LayerPlan add = plan.Layers.Single(l => l.Name == block + ".add");
            string what = $"{className} {block} (stride {stride}, input {conv1.Input})";
            Assert.All(conv1.Stride, s => Assert.Equal(stride, s));
            LayerPlan? shortcut = plan.Layers.SingleOrDefault(l => l.Name == block + ".downsample.0");
            Assert.True(downsample == shortcut is not null, $"{what}: downsample expected {downsample}");
            if (shortcut is null)
            {
                Assert.Equal(conv1.InputFrom, add.SkipFrom);
                continue;
            }
            Assert.True(shortcut.Stride.All(s => s == stride), $"{what}: the shortcut's stride is {shortcut.Stride}");
            Assert.Equal(conv1.Input, shortcut.Input);
            Assert.Equal(conv1.InputFrom, shortcut.InputFrom);
            Assert.Equal(bn2.Output, plan.Layers[add.SkipFrom].Output);
            Assert.Equal(shortcut.Index + 1, add.SkipFrom); // the shortcut's BatchNorm
        }
    }

    [Fact]
    public void A_projection_beside_a_strided_convolution_has_its_stride_on_every_axis()
    {
        var random = new Random(Seed + 1);
        var expected = new List<(string Class, int[] Stride)>();
        var sources = new List<string>();
        for (int i = 0; i < Declarations; i++)
        {
            int rank = random.Next(1, 4);
            int[] sizes = Enumerable.Range(0, rank).Select(_ => random.Next(1, rank == 3 ? 10 : 24)).ToArray();
            int[] stride = Enumerable.Range(0, rank).Select(_ => random.Next(1, 7)).ToArray();
            string[] axes = rank == 2 ? ["Height", "Width"] : ["Depth", "Height", "Width"];
            string strides = rank == 1 ? $"Stride = {stride[0]}" : string.Join(", ", axes.Select((axis, a) => $"Stride{axis} = {stride[a]}"));
            // Same padding, or padding k / 2 with an odd kernel: either keeps floor((n − 1) / s) + 1, as the projection.
            string padding = random.Next(2) == 0 ? "Padding = Padding.Same" : "PaddingSize = 1";
            sources.Add(
                $"[Network({random.Next(1, 4)}, {string.Join(", ", sizes)})]\n" +
                $"[Conv{rank}D({random.Next(1, 4)}, 3, PaddingSize = 1, Name = \"a\")]\n" +
                $"[Conv{rank}D({random.Next(1, 5)}, 3, {strides}, {padding})]\n" +
                "[Add(\"a\", Projection = true)]\n[GlobalAveragePool]\n[Dense(2)]\n[SoftmaxCrossEntropy]\n" +
                $"public partial class Projected{i};\n");
            expected.Add(($"Projected{i}", stride));
        }

        Dictionary<string, NetworkPlan> plans = Plans(sources);
        Assert.Equal(Declarations, plans.Count);
        foreach (var (className, stride) in expected)
        {
            LayerPlan projection = plans[className].Layers.Single(l => l.Name == "add1.projection.0");
            LayerPlan conv = plans[className].Layers.Single(l => l.Name == "conv2");
            // An axis of size 1 out reads position 0 whatever the stride; every other axis has the convolution's.
            for (int axis = 0; axis < stride.Length; axis++)
            {
                if (conv.Output.Spatial(axis) == 1 && projection.Stride[axis] >= projection.Input.Spatial(axis)) continue;
                Assert.True(stride[axis] == projection.Stride[axis], $"{className}: axis {axis} of {conv.Input} → {conv.Output}: the convolution strides {stride[axis]}, the projection {projection.Stride[axis]}");
            }
            Assert.Equal(conv.Output, plans[className].Layers.Single(l => l.Name == "add1.projection.1").Output);
        }
    }

    /// <summary>
    /// The blocks of issue 16: refused before (CNN0021 blaming a hidden 'block1.downsample'), or given a shortcut of the
    /// stride one axis's sizes suggested (4 for 11 → 3), which torchvision's block does not compute.
    /// </summary>
    [Theory]
    [InlineData("1, 11, 12", "BasicBlock(1, Stride = 5)", 5, "InHeight = 11, OutHeight = 3", "InWidth = 12, OutWidth = 3")]
    [InlineData("3, 4, 7", "BasicBlock(3, Stride = 3)", 3, "InHeight = 4, OutHeight = 2", "InWidth = 7, OutWidth = 3")]
    [InlineData("2, 5, 5, 13", "BasicBlock(4, Stride = 4)", 4, "InDepth = 5, OutDepth = 2", "InWidth = 13, OutWidth = 4")]
    public void The_shortcut_of_a_strided_block_on_a_small_or_non_square_input_compiles_with_the_blocks_stride(string input, string block, int stride, string first, string second)
    {
        string declaration = $"using CnnCompiler;\nnamespace Shortcuts;\n[Network({input})]\n[{block}]\n[GlobalAveragePool]\n[Dense(2)]\n[SoftmaxCrossEntropy]\npublic partial class Net;\n";
        GeneratorResult result = GeneratorHarness.Run(declaration);
        Assert.Empty(result.Errors);
        Assert.Empty(result.GeneratorDiagnostics);
        LayerPlan downsample = PlanHarness.Plan(declaration).Layers.Single(l => l.Name == "block1.downsample.0");
        var geometry = Assert.IsType<CnnCompiler.Generator.Layers.ConvKernel>(downsample.Kernel).Geometry;
        bool threeD = input.Split(',').Length == 4;
        var described = new Dictionary<string, int>
        {
            ["StrideDepth"] = geometry.StrideDepth, ["StrideHeight"] = geometry.StrideHeight, ["StrideWidth"] = geometry.StrideWidth,
            ["InDepth"] = geometry.InDepth, ["OutDepth"] = geometry.OutDepth, ["InHeight"] = geometry.InHeight,
            ["OutHeight"] = geometry.OutHeight, ["InWidth"] = geometry.InWidth, ["OutWidth"] = geometry.OutWidth,
        };
        foreach (string axis in threeD ? new[] { "Depth", "Height", "Width" } : new[] { "Height", "Width" })
            Assert.Equal(stride, described["Stride" + axis]);
        foreach (string pair in new[] { first, second })
            foreach (string assignment in pair.Split(", "))
            {
                string[] parts = assignment.Split(" = ");
                Assert.True(described[parts[0]] == int.Parse(parts[1]), $"{parts[0]}: expected {parts[1]}, the plan has {described[parts[0]]}");
            }
    }

    /// <summary>The plan of every declared network, by class name; every declaration must be valid (no CNN error).</summary>
    private static Dictionary<string, NetworkPlan> Plans(List<string> declarations)
    {
        var plans = new Dictionary<string, NetworkPlan>(StringComparer.Ordinal);
        foreach (string[] batch in declarations.Chunk(PerCompilation))
        {
            string[] sources = batch.Select(d => "using CnnCompiler;\nnamespace Shortcuts;\n" + d).ToArray();
            GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(GeneratorHarness.Compile(sources));
            GeneratorRunResult run = driver.GetRunResult().Results[0];
            Assert.Null(run.Exception);
            Diagnostic[] errors = [.. run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];
            Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => e.ToString())));
            foreach (var step in run.TrackedSteps[NetworkGenerator.PlanStep])
            {
                foreach (var (value, _) in step.Outputs)
                {
                    var plan = (NetworkPlan)value;
                    plans.Add(plan.Type.Name, plan);
                }
            }
        }
        return plans;
    }
}
