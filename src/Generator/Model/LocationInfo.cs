using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CnnCompiler.Generator.Model;

/// <summary>A source location as plain data: the pipeline holds no syntax trees, only this.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(SyntaxNode? node)
    {
        if (node is null) return null;
        Location location = node.GetLocation();
        return location.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }
}
