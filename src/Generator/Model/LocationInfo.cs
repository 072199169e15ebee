using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CnnCompiler.Generator.Model;

/// <summary>A source location as plain data: the pipeline holds no syntax trees, only this.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());

    public static LocationInfo? From(Location location) =>
        location.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    /// <summary>
    /// The location in the compilation's own syntax tree when there is one, so that #pragma warning disable and
    /// .editorconfig severities apply to the diagnostic; a location built from a path alone is outside every tree.
    /// </summary>
    public Location ToLocation(IReadOnlyDictionary<string, SyntaxTree> treesByPath) =>
        treesByPath.TryGetValue(FilePath, out SyntaxTree? tree) && Span.End <= tree.Length ? Location.Create(tree, Span) : ToLocation();

    /// <summary>The compilation's trees by file path (the first of any repeated path), for <see cref="ToLocation(IReadOnlyDictionary{string, SyntaxTree})"/>.</summary>
    public static Dictionary<string, SyntaxTree> TreesByPath(Compilation compilation)
    {
        var trees = new Dictionary<string, SyntaxTree>(System.StringComparer.Ordinal);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (!trees.ContainsKey(tree.FilePath)) trees.Add(tree.FilePath, tree);
        }
        return trees;
    }
}
