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
    public Location ToLocation(Compilation compilation)
    {
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath == FilePath && Span.End <= tree.Length) return Location.Create(tree, Span);
        }
        return ToLocation();
    }
}
