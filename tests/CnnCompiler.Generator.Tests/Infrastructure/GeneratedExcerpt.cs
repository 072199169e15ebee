using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CnnCompiler.Generator.Tests.Infrastructure;

/// <summary>
/// Parts of a generated file as the generator wrote them, comments included: the kernel structs of one runtime kernel
/// (by the shape interface they implement) and the layer classes that use them, in file order. A snapshot of the
/// excerpt churns only when that kind's code changes, not when another kind's or the network machinery's does.
/// </summary>
public static class GeneratedExcerpt
{
    /// <summary>Every kernel struct implementing <paramref name="shapeInterface"/>, then every layer class that names one of them.</summary>
    public static string KernelAndLayers(string source, string shapeInterface)
    {
        SyntaxNode root = CSharpSyntaxTree.ParseText(source).GetRoot();
        StructDeclarationSyntax[] kernels = root.DescendantNodes().OfType<StructDeclarationSyntax>()
            .Where(s => s.BaseList?.Types.Any(t => t.Type.ToString() == shapeInterface) == true)
            .ToArray();
        HashSet<string> names = kernels.Select(s => "Kernels." + s.Identifier.Text).ToHashSet(StringComparer.Ordinal);
        ClassDeclarationSyntax[] layers = LayerClasses(root)
            .Where(c => c.DescendantNodes().OfType<QualifiedNameSyntax>().Any(name => names.Contains(name.ToString())))
            .ToArray();
        return Join(kernels.Cast<SyntaxNode>().Concat(layers));
    }

    /// <summary>The layer classes whose header names the attribute <paramref name="attribute"/> ("// flatten1 · Flatten").</summary>
    public static string LayersDeclaredAs(string source, string attribute)
    {
        SyntaxNode root = CSharpSyntaxTree.ParseText(source).GetRoot();
        return Join(LayerClasses(root).Where(c => c.GetLeadingTrivia().ToFullString().Contains(" · " + attribute + "\n", StringComparison.Ordinal)));
    }

    private static IEnumerable<ClassDeclarationSyntax> LayerClasses(SyntaxNode root) =>
        root.DescendantNodes().OfType<ClassDeclarationSyntax>().Single(c => c.Identifier.Text == "Layers").Members.OfType<ClassDeclarationSyntax>();

    private static string Join(IEnumerable<SyntaxNode> nodes)
    {
        string[] parts = nodes.Select(node => node.ToFullString().Trim('\n')).ToArray();
        if (parts.Length == 0) throw new Xunit.Sdk.XunitException("The excerpt is empty: nothing in the generated file matched.");
        return string.Join("\n\n", parts) + "\n";
    }
}
