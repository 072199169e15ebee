using CnnCompiler.Generator.Emit;
namespace CnnCompiler.Generator.Layers;

/// <summary>Names of spatial axes in generated constants: Length (1D); Height, Width (2D); Depth, Height, Width (3D).</summary>
internal static class Axes
{
    private static readonly string[][] Names =
    [
        [],
        ["Length"],
        ["Height", "Width"],
        ["Depth", "Height", "Width"],
    ];

    public static string Name(int rank, int axis) => Names[rank][axis];

    /// <summary>Short loop variable stems per axis (z, y, x from the innermost out).</summary>
    public static string Letter(int rank, int axis) => (rank - axis) switch
    {
        1 => "x",
        2 => "y",
        _ => "z",
    };

    /// <summary>Parenthesizes a compound index expression, leaves a plain name alone.</summary>
    public static string Wrap(string expression) => expression.Contains(" ") ? $"({expression})" : expression;
}
