using CnnCompiler.Generator.Emit;

namespace CnnCompiler.Generator.Layers;

/// <summary>A broadcast GEMM's register tile: rows × vectors (of 8 floats, or of 16 with the 512-bit twin).</summary>
/// <param name="Rows">Rows of A per tile.</param>
/// <param name="Vectors">Vectors of 8 columns per tile.</param>
/// <param name="WideVectors">Vectors of 16 columns per tile in the 512-bit twin.</param>
/// <param name="Wide">Whether the 512-bit twin runs where 512-bit vectors are accelerated.</param>
internal sealed record BroadcastTile(int Rows, int Vectors, int WideVectors, bool Wide)
{
    public override string ToString() => $"tiles of {Rows} rows × {Vectors} vectors of 8{(Wide ? $", {Rows} × {WideVectors} of 16 with 512-bit vectors" : "")}";

    /// <summary>The tile's constants as a kernel struct states them, each name starting with <paramref name="pass"/>.</summary>
    public void Emit(CodeWriter w, string pass)
    {
        w.Line($"public static int {pass}RowTile => {Rows};");
        w.Line($"public static int {pass}VectorTile => {Vectors};");
        w.Line($"public static int {pass}WideVectorTile => {WideVectors};");
        w.Line($"public static bool {pass}Wide => {(Wide ? "true" : "false")};");
    }
}

/// <summary>A dot-product GEMM's register tile: rows of A × rows of B, each a dot product along K.</summary>
/// <param name="Rows">Rows of A per tile.</param>
/// <param name="Columns">Rows of B (columns of C) per tile.</param>
/// <param name="Wide">Whether the 512-bit twin runs where 512-bit vectors are accelerated.</param>
internal sealed record DotTile(int Rows, int Columns, bool Wide)
{
    public override string ToString() => $"tiles of {Rows} × {Columns}{(Wide ? ", 512-bit" : "")}";

    public void Emit(CodeWriter w, string pass)
    {
        w.Line($"public static int {pass}RowTile => {Rows};");
        w.Line($"public static int {pass}ColumnTile => {Columns};");
        w.Line($"public static bool {pass}Wide => {(Wide ? "true" : "false")};");
    }
}
