namespace CnnCompiler.Generator.Model;

/// <summary>
/// How the attributes spell their per-axis arguments (<c>StrideHeight</c>, <c>PaddingWidth</c>, <c>kernelDepth</c>):
/// the parser reads them by these names and analysis reports on them by the same names.
/// </summary>
internal static class AttributeAxes
{
    private static readonly string[][] Names =
    [
        [],
        ["Length"],
        ["Height", "Width"],
        ["Depth", "Height", "Width"],
    ];

    /// <summary>"Height" for axis 0 of a 2D layer.</summary>
    public static string Name(int rank, int axis) => Names[rank][axis];

    /// <summary>The per-axis argument of a shared one: <c>Stride</c> → <c>StrideWidth</c>, <c>Padding</c> → <c>PaddingWidth</c>.</summary>
    public static string Specific(string prefix, int rank, int axis) => prefix + Names[rank][axis];

    /// <summary>What an input row along an axis is called in messages: element (1D), plane, row, column.</summary>
    public static string Slice(int rank, int axis) =>
        rank == 1 ? "element" : axis == rank - 1 ? "column" : axis == rank - 2 ? "row" : "plane";
}
