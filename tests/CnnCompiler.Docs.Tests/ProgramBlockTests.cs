using Microsoft.CodeAnalysis;

namespace CnnCompiler.Docs.Tests;

/// <summary>Every documented program compiles as pasted; the blocks that are not programs say so.</summary>
public class ProgramBlockTests(ITestOutputHelper output)
{
    public static TheoryData<string> Programs() =>
        [.. DocumentationBlocks.All.Where(b => b.Kind == BlockKind.Program).Select(b => b.ToString())];

    [Theory]
    [MemberData(nameof(Programs))]
    public void A_documented_program_compiles_with_the_generator_without_errors_or_warnings(string block)
    {
        CodeBlock program = DocumentationBlocks.All.Single(b => b.ToString() == block);
        var (compilation, diagnostics) = ProgramCompiler.Compile(program.Code);
        string[] visible = [.. ProgramCompiler.Visible(diagnostics).Select(d => d.ToString())];
        output.WriteLine(program.Code);
        Assert.True(visible.Length == 0,
            $"{program} does not compile as a Program.cs of its own (mark a fragment as ```csharp excerpt):\n{string.Join('\n', visible)}");
        // A program that declares a network got its generated code (the generator ran and emitted it).
        int networks = program.Code.Split("[Network(").Length - 1;
        Assert.Equal(networks, compilation.SyntaxTrees.Count(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) && t.FilePath.Contains("NetworkGenerator", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_first_example_of_the_README_is_a_whole_program_that_declares_and_trains_a_network()
    {
        CodeBlock first = DocumentationBlocks.All.First(b => b.File == "README.md");
        Assert.Equal(BlockKind.Program, first.Kind);
        var (compilation, diagnostics) = ProgramCompiler.Compile(first.Code);
        Assert.Empty(ProgramCompiler.Visible(diagnostics));
        Assert.Equal(OutputKind.ConsoleApplication, compilation.Options.OutputKind);
        // The generator ran: the network class has its generated members.
        INamedTypeSymbol lenet = compilation.GetTypeByMetadataName("LeNet5")!;
        Assert.NotEmpty(lenet.GetMembers("TrainStep"));
        Assert.Contains(".TrainStep(", first.Code);
    }

    [Fact]
    public void Every_page_is_read_and_every_csharp_block_is_a_program_or_an_excerpt()
    {
        foreach (string page in DocumentationBlocks.Pages)
        {
            var blocks = DocumentationBlocks.Read(page).ToList();
            output.WriteLine($"{page}: {blocks.Count(b => b.Kind == BlockKind.Program)} program(s), {blocks.Count(b => b.Kind == BlockKind.Excerpt)} excerpt(s)");
        }
        Assert.Contains("README.md", DocumentationBlocks.Pages);
        Assert.Contains("docs/visualization.md", DocumentationBlocks.Pages);
        // A page that marks all of its blocks as excerpts says why, in the comment itself.
        foreach (string page in DocumentationBlocks.Pages)
        {
            string text = File.ReadAllText(Path.Combine(DocumentationBlocks.RepositoryRoot, page));
            int at = text.IndexOf(DocumentationBlocks.PageOfExcerpts, StringComparison.Ordinal);
            if (at >= 0) Assert.True(text.IndexOf("-->", at, StringComparison.Ordinal) - at > DocumentationBlocks.PageOfExcerpts.Length + 20, $"{page}: the comment should say why");
        }
    }

    [Fact]
    public void A_broken_program_is_caught_and_a_fragment_is_not_mistaken_for_a_program()
    {
        // The checks above would pass vacuously if the compiler setup accepted anything: a program with an undefined
        // variable must fail, and a fragment like the README's old one (statements before the class, variables that
        // do not exist) must fail as a program.
        Assert.NotEmpty(ProgramCompiler.Visible(ProgramCompiler.Compile("Console.WriteLine(undefined);\n").Diagnostics));
        string oldReadme = """
            using CnnCompiler;

            [Network(1, 28, 28)]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class Tiny;

            var net = new Tiny(seed: 42);
            """;
        Assert.Contains(ProgramCompiler.Visible(ProgramCompiler.Compile(oldReadme).Diagnostics), d => d.Id == "CS8803");
        // A network with a shape error is reported by the generator, which runs in process.
        string invalid = """
            using CnnCompiler;

            [Network(1, 5, 5)]
            [Conv2D(2, 7)]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class TooBig;
            """;
        Assert.Contains(ProgramCompiler.Visible(ProgramCompiler.Compile(invalid).Diagnostics), d => d.Id == "CNN0007");

        var fences = DocumentationBlocks.Read("README.md").ToList();
        Assert.All(fences, b => Assert.DoesNotContain("```", b.Code));
    }
}
