using System.Runtime.CompilerServices;
using CnnCompiler.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CnnCompiler.Generator.Tests;

/// <summary>
/// One small snapshot per convolution strategy: the layer's kernel struct (every constant the plan decided) and its
/// layer class, cut out of a one-convolution network, so that a change to one strategy churns only its own snapshot.
/// Accept an intended change with CNN_ACCEPT_SNAPSHOTS=1 after reviewing Snapshots/Conv*.received.cs.
/// </summary>
public sealed class ConvSnapshotTests
{
    public static TheoryData<string, string> Networks => new()
    {
        // 20 columns: 3 vectors of 8 (the last overlapping) × 3 filters, or 2 of 16 over 2 rows of the 9 (a rest row); dx and dW direct too.
        { "ConvDirect", "[Network(2, 9, 20)]\n[Conv2D(6, 3, PaddingSize = 1, Activation = Activation.ReLU)]" },
        // 10×10 outputs, 16 channels: channels in lanes forward and for dW; dx by col2im (a valid 3×3 on 12×12).
        { "ConvChannelLanes", "[Network(3, 12, 12)]\n[Conv2D(16, 3, Activation = Activation.ReLU)]" },
        // 32 channels each side, 3×3 same: Winograd forward and dx, dW with channels in lanes.
        { "ConvWinograd", "[Network(32, 8, 8)]\n[Conv2D(32, 3, PaddingSize = 1)]" },
        // The rest run im2col + GEMM: strided 2D, 1D and 3D.
        { "ConvColumns2DStrided", "[Network(3, 16, 16)]\n[Conv2D(8, 3, Stride = 2, PaddingSize = 1)]" },
        { "ConvColumns1D", "[Network(2, 32)]\n[Conv1D(4, 5, Stride = 2, Padding = Padding.Same, Activation = Activation.ReLU)]" },
        { "ConvColumns3D", "[Network(1, 4, 8, 8)]\n[Conv3D(2, 3, PaddingSize = 1, Activation = Activation.ReLU)]" },
        // A BatchNorm after it is folded in at inference: the layer class gains ForwardFolded.
        { "ConvFoldedBatchNorm", "[Network(3, 8, 8)]\n[Conv2D(8, 3, PaddingSize = 1, UseBias = false)]\n[BatchNorm]\n[ReLU]" },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Conv_kernel_and_layer_class_match_the_snapshot(string name, string layers)
    {
        string source = $"using CnnCompiler;\n\nnamespace Tests;\n\n{layers}\n[Dense(2)]\n[SoftmaxCrossEntropy]\npublic partial class {name};\n";
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string[] lines = result.GeneratedSource($"Tests.{name}.g.cs").Replace("\r\n", "\n").Split('\n');
        string snapshot = Block(lines, "public readonly struct ConvKernel1 ", withSummary: true) + "\n" + Block(lines, "internal static class Conv1", withSummary: false, headerLines: 5);
        SnapshotAssert.Matches(name, snapshot, Path.Combine(ProjectDirectory(), "Snapshots", name + ".cs"));
    }

    /// <summary>
    /// The declaration on the line that contains <paramref name="start"/> through its closing brace (the first line after
    /// it at the same indentation), with the summary line above it or the layer's header comment.
    /// </summary>
    private static string Block(string[] lines, string start, bool withSummary, int headerLines = 0)
    {
        int first = Array.FindIndex(lines, line => line.Contains(start, StringComparison.Ordinal));
        Assert.True(first >= 0, $"'{start}' is not in the generated code");
        string indent = lines[first][..(lines[first].Length - lines[first].TrimStart().Length)];
        int last = Array.FindIndex(lines, first + 1, line => line == indent + "}");
        int from = first - (withSummary ? 1 : headerLines);
        return string.Join("\n", lines[from..(last + 1)].Select(line => line.StartsWith(indent, StringComparison.Ordinal) ? line[indent.Length..] : line)) + "\n";
    }

    /// <summary>SnapshotAssert finds Snapshots/ next to the directory of its caller's file, so it is given a path one level down.</summary>
    private static string ProjectDirectory([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;
}
