using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace CnnCompiler.Docs.Tests;

/// <summary>
/// The README's table of what the generated class offers writes static members on the class (`LeNet5.Summary()`) and
/// instance members on an instance (`net.Predict(…)`). Each is checked against the class the generator emits for the
/// README's first program, so `net.Summary()` (CS0176) cannot come back.
/// </summary>
public partial class MemberTableTests(ITestOutputHelper output)
{
    [GeneratedRegex(@"`(?<receiver>LeNet5|net)\.(?<member>[A-Za-z]+)")]
    private static partial Regex MemberReference();

    [Fact]
    public void Members_written_on_the_class_are_static_and_members_written_on_an_instance_are_not()
    {
        string readme = File.ReadAllText(Path.Combine(DocumentationBlocks.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        int header = readme.IndexOf("\n| member | what |\n", StringComparison.Ordinal);
        Assert.True(header >= 0, "README.md has no member table");
        int end = readme.IndexOf("\n\n", header + 1, StringComparison.Ordinal);
        string table = readme[header..end];

        CodeBlock first = DocumentationBlocks.All.First(b => b.File == "README.md");
        var (compilation, diagnostics) = ProgramCompiler.Compile(first.Code);
        Assert.Empty(ProgramCompiler.Visible(diagnostics));
        INamedTypeSymbol lenet = compilation.GetTypeByMetadataName("LeNet5")!;

        var references = MemberReference().Matches(table).Select(m => (Static: m.Groups["receiver"].Value == "LeNet5", Member: m.Groups["member"].Value)).Distinct().ToList();
        foreach (var (isStatic, member) in references)
        {
            ISymbol[] symbols = [.. lenet.GetMembers(member).Where(s => s.DeclaredAccessibility == Accessibility.Public)];
            Assert.True(symbols.Length > 0, $"README names {(isStatic ? "LeNet5" : "net")}.{member}, which the generated class does not have");
            Assert.All(symbols, s => Assert.True(s.IsStatic == isStatic, $"README writes {(isStatic ? "LeNet5" : "net")}.{member}, but {s.ToDisplayString()} is {(s.IsStatic ? "static" : "an instance member")}"));
            output.WriteLine($"{(isStatic ? "static  " : "instance")} {member}");
        }

        // The members the issue found written as instance members are all there, on the class.
        string[] statics = [.. references.Where(r => r.Static).Select(r => r.Member)];
        Assert.Superset(new HashSet<string>(["Summary", "InputLength", "InputShape", "LayerList", "Tensors"]), new HashSet<string>(statics));
        Assert.Contains(references, r => !r.Static && r.Member == "Predict");
    }
}
