using CnnCompiler.Generator.Emit;
using System.Collections.Generic;
using System.Linq;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// C[M×N] (=|+=) A(M×K) · B[K×N] with every size and stride a constant: A's element (i, k) is at
/// <c>a[i·RowStrideA + k·ColStrideA]</c> (so a transposed A is just other strides), B and C are row-major.
/// Vectorized along N (one <c>Vector256</c> is 8 columns; a Vector512 twin, 16), register-blocked as Rows × Vectors accumulators.
/// M = 0 or K = 0 means that size is the batch, known only at run time: the method then takes <c>rows</c> or <c>depth</c>.
/// </summary>
internal sealed record BroadcastGemm(int M, int N, int K, int RowStrideA, int ColStrideA, int RowStrideB, int RowStrideC, bool Accumulate);

/// <summary>
/// C(i, j) (=|+=) Σₖ A[i·RowStrideA + k] · B[j·RowStrideB + k]: both operands run contiguously along K (A·Bᵀ).
/// C's element (i, j) is at <c>c[i·RowStrideC + j·ColStrideC]</c>. Vectorized along K with a block of dot products.
/// M = 0 means the rows are the batch, passed at run time as <c>rows</c>.
/// </summary>
internal sealed record DotGemm(int M, int N, int K, int RowStrideA, int RowStrideB, int RowStrideC, int ColStrideC, bool Accumulate);

/// <summary>
/// Emits matrix-multiply loops specialized to their shapes: full register tiles in constant-bound loops, then the
/// leftover rows, vectors and columns as their own smaller tiles, so that no bound is unknown at run time.
/// </summary>
internal static class GemmEmitter
{
    private const int WideLanes = WideTwins.WideLanes;

    /// <summary>
    /// Whether the broadcast GEMM has a Vector512 twin: at least one vector of 16 columns, and columns in whole vectors
    /// of 16 when accumulating (where the last vector cannot overlap the one before it).
    /// </summary>
    private static bool HasWide(BroadcastGemm g) => g.N >= WideLanes && (!g.Accumulate || g.N % WideLanes == 0);

    /// <summary>
    /// Whether the dot-product GEMM has a Vector512 twin: K in whole vectors of 16, and long enough (16 vectors) that
    /// the wider horizontal sum at the end of every dot product pays (ResNet-20's layer3.0.conv1 weight gradient, K = 64,
    /// ran slower with it).
    /// </summary>
    private static bool HasWide(DotGemm g) => g.K % WideLanes == 0 && g.K >= 16 * WideLanes;

    public static void Emit(CodeWriter w, string method, string comment, BroadcastGemm g) =>
        WideTwins.Emit(w, method, comment, HasWide(g), (name, text, lanes, twin) => Emit(w, name, text, g, lanes, twin));

    private static void Emit(CodeWriter w, string method, string comment, BroadcastGemm g, int lanes, string? wideTwin)
    {
        w.Line($"/// <summary>{comment}</summary>");
        string extra = (g.M == 0 ? ", int rows" : "") + (g.K == 0 ? ", int depth" : "");
        using (w.Block($"private static void {method}(ref float a, ref float b, ref float c{extra})"))
        {
            WideTwins.EmitDispatch(w, wideTwin, "ref a, ref b, ref c" + (g.M == 0 ? ", rows" : "") + (g.K == 0 ? ", depth" : ""));
            int rowTile = g.M == 0 ? 4 : System.Math.Min(4, g.M);
            int vectorTile = g.N >= 3 * lanes ? 3 : System.Math.Max(1, g.N / lanes);
            BroadcastColumnBlocks(w, g, rowTile, vectorTile, lanes);
        }
    }

    /// <summary>
    /// Row tiles of <paramref name="rowTile"/> in a loop, then the leftover rows as one smaller tile; with M known only at
    /// run time (M = 0) the leftover rows go one at a time.
    /// </summary>
    private static void EmitRowLoops(CodeWriter w, int m, int rowTile, System.Action<int> tile)
    {
        if (m == 0)
        {
            w.Line("int i = 0;");
            using (w.Block($"for (; i <= rows - {rowTile}; i += {rowTile})")) tile(rowTile);
            using (w.Block("for (; i < rows; i++)")) tile(1);
            return;
        }
        int fullRows = m - m % rowTile;
        if (fullRows > 0)
        {
            using (w.Block($"for (int i = 0; i < {fullRows}; i += {rowTile})")) tile(rowTile);
        }
        if (m % rowTile != 0)
        {
            using (w.Block($"for (int i = {fullRows}; i < {m}; i += {m % rowTile})")) tile(m % rowTile);
        }
    }

    /// <summary>
    /// Column tiles outside, row tiles inside: a K×(vectors·8) slice of B stays in L1 while every row tile of A passes
    /// over it. Full tiles first, then the leftover whole vectors, then the last columns one at a time.
    /// </summary>
    private static void BroadcastColumnBlocks(CodeWriter w, BroadcastGemm g, int rowTile, int vectorTile, int lanes)
    {
        int tileColumns = vectorTile * lanes;
        int fullColumns = g.N / tileColumns * tileColumns;
        if (fullColumns > 0)
        {
            using (w.Block($"for (int j = 0; j < {fullColumns}; j += {tileColumns})")) EmitRowLoops(w, g.M, rowTile, rows => BroadcastTile(w, g, rows, vectorTile, lanes));
        }
        int leftoverVectors = (g.N - fullColumns) / lanes;
        if (leftoverVectors > 0)
        {
            using (w.Block($"for (int j = {fullColumns}; j < {fullColumns + leftoverVectors * lanes}; j += {leftoverVectors * lanes})"))
            {
                EmitRowLoops(w, g.M, rowTile, rows => BroadcastTile(w, g, rows, leftoverVectors, lanes));
            }
        }
        int scalarStart = fullColumns + leftoverVectors * lanes;
        if (scalarStart < g.N && !g.Accumulate && g.N >= lanes)
        {
            // The last columns as one vector ending at N, overlapping the columns before it: they are computed again with the
            // same arithmetic and stored again with the same values, which is cheaper than a scalar tail (not when accumulating).
            using (w.Block($"for (int j = {g.N - lanes}; j < {g.N}; j += {lanes})"))
            {
                EmitRowLoops(w, g.M, rowTile, rows => BroadcastTile(w, g, rows, 1, lanes));
            }
        }
        else if (scalarStart < g.N)
        {
            using (w.Block($"for (int j = {scalarStart}; j < {g.N}; j++)")) EmitRowLoops(w, g.M, rowTile, rows => BroadcastScalarColumn(w, g, rows));
        }
    }

    private static void BroadcastScalarColumn(CodeWriter w, BroadcastGemm g, int rows)
    {
        for (int r = 0; r < rows; r++) w.Line($"float s{r} = 0f;");
        using (w.Block($"for (int k = 0; k < {Depth(g)}; k++)"))
        {
            w.Line($"float bk = Unsafe.Add(ref b, k * {g.RowStrideB} + j);");
            for (int r = 0; r < rows; r++) w.Line($"s{r} += {ElementA(g, r)} * bk;");
        }
        for (int r = 0; r < rows; r++)
        {
            string target = $"Unsafe.Add(ref c, (i + {r}) * {g.RowStrideC} + j)";
            w.Line(g.Accumulate ? $"{target} += s{r};" : $"{target} = s{r};");
        }
    }

    private static string Depth(BroadcastGemm g) => g.K == 0 ? "depth" : g.K.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string ElementA(BroadcastGemm g, int row) => $"Unsafe.Add(ref a, (i + {row}) * {g.RowStrideA} + k * {g.ColStrideA})";

    private static void BroadcastTile(CodeWriter w, BroadcastGemm g, int rows, int vectors, int lanes)
    {
        string vector = WideTwins.Vector(lanes);
        for (int r = 0; r < rows; r++)
        {
            w.Line($"{vector}<float> " + string.Join(", ", Enumerable.Range(0, vectors).Select(v => $"c{r}{v} = {vector}<float>.Zero")) + ";");
        }
        using (w.Block($"for (int k = 0; k < {Depth(g)}; k++)"))
        {
            w.Line($"ref float bk = ref Unsafe.Add(ref b, k * {g.RowStrideB} + j);");
            for (int v = 0; v < vectors; v++) w.Line($"{vector}<float> b{v} = {vector}.LoadUnsafe(ref bk, {v * lanes});");
            for (int r = 0; r < rows; r++)
            {
                w.Line($"{vector}<float> a{r} = {vector}.Create({ElementA(g, r)});");
                for (int v = 0; v < vectors; v++) w.Line($"c{r}{v} = {vector}.FusedMultiplyAdd(a{r}, b{v}, c{r}{v});");
            }
        }
        for (int r = 0; r < rows; r++)
        {
            w.Line($"ref float c{r} = ref Unsafe.Add(ref c, (i + {r}) * {g.RowStrideC} + j);");
            for (int v = 0; v < vectors; v++)
            {
                w.Line(g.Accumulate
                    ? $"(c{r}{v} + {vector}.LoadUnsafe(ref c{r}, {v * lanes})).StoreUnsafe(ref c{r}, {v * lanes});"
                    : $"c{r}{v}.StoreUnsafe(ref c{r}, {v * lanes});");
            }
        }
    }

    public static void Emit(CodeWriter w, string method, string comment, DotGemm g) =>
        WideTwins.Emit(w, method, comment, HasWide(g), (name, text, lanes, twin) => Emit(w, name, text, g, lanes, twin));

    private static void Emit(CodeWriter w, string method, string comment, DotGemm g, int lanes, string? wideTwin)
    {
        w.Line($"/// <summary>{comment}</summary>");
        using (w.Block($"private static void {method}(ref float a, ref float b, ref float c{(g.M == 0 ? ", int rows" : "")})"))
        {
            WideTwins.EmitDispatch(w, wideTwin, "ref a, ref b, ref c" + (g.M == 0 ? ", rows" : ""));
            int rowTile = g.M == 0 ? 2 : System.Math.Min(2, g.M);
            int columnTile = System.Math.Min(4, g.N);
            var columnBlocks = Blocks(g.N, columnTile, "j");
            EmitRowLoops(w, g.M, rowTile, rows =>
            {
                foreach (var (columnHeader, columns) in columnBlocks)
                {
                    using (w.Block(columnHeader)) DotTile(w, g, rows, columns, lanes);
                }
            });
        }
    }

    /// <summary>A loop over full tiles, then one block for the leftover (as "const int i = …;" inside a bare scope).</summary>
    private static List<(string Header, int Size)> Blocks(int total, int tile, string index)
    {
        var blocks = new List<(string, int)>();
        int full = total - total % tile;
        if (full > 0) blocks.Add(($"for (int {index} = 0; {index} < {full}; {index} += {tile})", tile));
        if (total % tile != 0) blocks.Add(($"for (int {index} = {full}; {index} < {total}; {index} += {total % tile})", total % tile));
        return blocks;
    }

    private static void DotTile(CodeWriter w, DotGemm g, int rows, int columns, int lanes)
    {
        string vector = WideTwins.Vector(lanes);
        int vectorK = g.K - g.K % lanes;
        var pairs = from r in Enumerable.Range(0, rows) from s in Enumerable.Range(0, columns) select (r, s);
        if (vectorK > 0)
        {
            w.Line($"{vector}<float> " + string.Join(", ", pairs.Select(p => $"d{p.r}{p.s} = {vector}<float>.Zero")) + ";");
            using (w.Block($"for (int k = 0; k < {vectorK}; k += {lanes})"))
            {
                for (int r = 0; r < rows; r++) w.Line($"{vector}<float> a{r} = {vector}.LoadUnsafe(ref a, (UIntPtr)((i + {r}) * {g.RowStrideA} + k));");
                for (int s = 0; s < columns; s++) w.Line($"{vector}<float> b{s} = {vector}.LoadUnsafe(ref b, (UIntPtr)((j + {s}) * {g.RowStrideB} + k));");
                foreach (var (r, s) in pairs) w.Line($"d{r}{s} = {vector}.FusedMultiplyAdd(a{r}, b{s}, d{r}{s});");
            }
            foreach (var (r, s) in pairs) w.Line($"float s{r}{s} = {vector}.Sum(d{r}{s});");
        }
        else
        {
            foreach (var (r, s) in pairs) w.Line($"float s{r}{s} = 0f;");
        }
        if (vectorK < g.K)
        {
            using (w.Block($"for (int k = {vectorK}; k < {g.K}; k++)"))
            {
                foreach (var (r, s) in pairs) w.Line($"s{r}{s} += Unsafe.Add(ref a, (i + {r}) * {g.RowStrideA} + k) * Unsafe.Add(ref b, (j + {s}) * {g.RowStrideB} + k);");
            }
        }
        foreach (var (r, s) in pairs)
        {
            string target = $"Unsafe.Add(ref c, (i + {r}) * {g.RowStrideC} + (j + {s}) * {g.ColStrideC})";
            w.Line(g.Accumulate ? $"{target} += s{r}{s};" : $"{target} = s{r}{s};");
        }
    }
}
