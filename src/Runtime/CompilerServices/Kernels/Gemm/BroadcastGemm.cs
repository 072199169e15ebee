using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// C[M×N] (=|+=) A(M×K) · B[K×N] with every size, stride and tile a constant of <typeparamref name="TShape"/>, so the
/// JIT compiles one specialized kernel per shape. Vectorized along N, register-blocked as RowTile × VectorTile
/// accumulators: per k each B vector is loaded once and each A value broadcast once. Column tiles outside, row tiles
/// inside: a K × (tile columns) slice of B stays in L1 while every row tile of A passes over it. Leftover columns run
/// as a smaller tile of whole vectors, then as one vector ending at N that overlaps the columns before it (the same
/// values again: cheaper than a scalar tail; not when accumulating), else one column at a time. Each element of C is one
/// chain of fused multiply-adds over k in order, whatever the tile, so results do not depend on the tiling.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BroadcastGemm<TShape> where TShape : struct, IBroadcastGemm
{
    /// <summary>Runs the GEMM; <paramref name="rows"/> and <paramref name="depth"/> are used only where M or K is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Multiply(ref float a, ref float b, ref float c, int rows = 0, int depth = 0)
    {
        if (TShape.Wide && Vector512.IsHardwareAccelerated) Run512(ref a, ref b, ref c, rows, depth);
        else Run256(ref a, ref b, ref c, rows, depth);
    }

    private static int Rows(int rows) => TShape.M == 0 ? rows : TShape.M;

    private static int Depth(int depth) => TShape.K == 0 ? depth : TShape.K;

    private static int TileRows => TShape.M == 0 ? TShape.RowTile : Math.Min(TShape.RowTile, TShape.M);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ElementA(ref float a, int row, int k) => Unsafe.Add(ref a, row * TShape.RowStrideA + k * TShape.ColStrideA);

    private static void Run256(ref float a, ref float b, ref float c, int rows, int depth)
    {
        const int Lanes = 8;
        int tileColumns = TShape.VectorTile * Lanes;
        int fullColumns = TShape.N / tileColumns * tileColumns;
        Columns256(ref a, ref b, ref c, 0, fullColumns, TShape.VectorTile, rows, depth);
        int leftoverVectors = (TShape.N - fullColumns) / Lanes;
        int scalarStart = fullColumns + leftoverVectors * Lanes;
        Columns256(ref a, ref b, ref c, fullColumns, scalarStart, leftoverVectors, rows, depth);
        if (scalarStart < TShape.N && !TShape.Accumulate && TShape.N >= Lanes) Columns256(ref a, ref b, ref c, TShape.N - Lanes, TShape.N, 1, rows, depth);
        else if (scalarStart < TShape.N) ScalarColumns(ref a, ref b, ref c, scalarStart, rows, depth);
    }

    /// <summary>Columns [<paramref name="jStart"/>, <paramref name="jEnd"/>) in tiles of <paramref name="vectors"/> vectors: full row tiles, then the leftover rows.</summary>
    private static void Columns256(ref float a, ref float b, ref float c, int jStart, int jEnd, int vectors, int rows, int depth)
    {
        if (jStart >= jEnd) return;
        int m = Rows(rows), k = Depth(depth), tile = TileRows;
        int fullRows = m - m % tile;
        Block256(ref a, ref b, ref c, jStart, jEnd, 0, fullRows, tile, vectors, k);
        // The leftover rows: one smaller tile when M is a constant, one row at a time when it is the batch.
        if (fullRows < m) Block256(ref a, ref b, ref c, jStart, jEnd, fullRows, m, TShape.M == 0 ? 1 : m - fullRows, vectors, k);
    }

    private static void Block256(ref float a, ref float b, ref float c, int jStart, int jEnd, int iStart, int iEnd, int rows, int vectors, int depth)
    {
        switch (rows)
        {
            case 1: Block256<One>(ref a, ref b, ref c, jStart, jEnd, iStart, iEnd, vectors, depth); break;
            case 2: Block256<Two>(ref a, ref b, ref c, jStart, jEnd, iStart, iEnd, vectors, depth); break;
            case 3: Block256<Three>(ref a, ref b, ref c, jStart, jEnd, iStart, iEnd, vectors, depth); break;
            default: Block256<Four>(ref a, ref b, ref c, jStart, jEnd, iStart, iEnd, vectors, depth); break;
        }
    }

    private static void Block256<TRows>(ref float a, ref float b, ref float c, int jStart, int jEnd, int iStart, int iEnd, int vectors, int depth) where TRows : struct, ITileCount
    {
        switch (vectors)
        {
            case 1: Block256<TRows, One>(ref a, ref b, ref c, jStart, jEnd, iStart, iEnd, depth); break;
            case 2: Block256<TRows, Two>(ref a, ref b, ref c, jStart, jEnd, iStart, iEnd, depth); break;
            case 3: Block256<TRows, Three>(ref a, ref b, ref c, jStart, jEnd, iStart, iEnd, depth); break;
            default: Block256<TRows, Four>(ref a, ref b, ref c, jStart, jEnd, iStart, iEnd, depth); break;
        }
    }

    private static void Run512(ref float a, ref float b, ref float c, int rows, int depth)
    {
        const int Lanes = 16;
        int tileColumns = TShape.WideVectorTile * Lanes;
        int fullColumns = TShape.N / tileColumns * tileColumns;
        Columns512(ref a, ref b, ref c, 0, fullColumns, TShape.WideVectorTile, rows, depth);
        int leftoverVectors = (TShape.N - fullColumns) / Lanes;
        int scalarStart = fullColumns + leftoverVectors * Lanes;
        Columns512(ref a, ref b, ref c, fullColumns, scalarStart, leftoverVectors, rows, depth);
        if (scalarStart < TShape.N && !TShape.Accumulate && TShape.N >= Lanes) Columns512(ref a, ref b, ref c, TShape.N - Lanes, TShape.N, 1, rows, depth);
        else if (scalarStart < TShape.N) ScalarColumns(ref a, ref b, ref c, scalarStart, rows, depth);
    }

    /// <summary>Columns [<paramref name="jStart"/>, <paramref name="jEnd"/>) in tiles of <paramref name="vectors"/> vectors: full row tiles, then the leftover rows.</summary>
    private static void Columns512(ref float a, ref float b, ref float c, int jStart, int jEnd, int vectors, int rows, int depth)
    {
        if (jStart >= jEnd) return;
        int m = Rows(rows), k = Depth(depth), tile = TileRows;
        int fullRows = m - m % tile;
        Block512(ref a, ref b, ref c, jStart, jEnd, 0, fullRows, tile, vectors, k);
        // The leftover rows: one smaller tile when M is a constant, one row at a time when it is the batch.
        if (fullRows < m) Block512(ref a, ref b, ref c, jStart, jEnd, fullRows, m, TShape.M == 0 ? 1 : m - fullRows, vectors, k);
    }

    private static void Block512(ref float a, ref float b, ref float c, int jStart, int jEnd, int iStart, int iEnd, int rows, int vectors, int depth)
    {
        switch (rows)
        {
            case 1: Block512<One>(ref a, ref b, ref c, jStart, jEnd, iStart, iEnd, vectors, depth); break;
            case 2: Block512<Two>(ref a, ref b, ref c, jStart, jEnd, iStart, iEnd, vectors, depth); break;
            case 3: Block512<Three>(ref a, ref b, ref c, jStart, jEnd, iStart, iEnd, vectors, depth); break;
            default: Block512<Four>(ref a, ref b, ref c, jStart, jEnd, iStart, iEnd, vectors, depth); break;
        }
    }

    private static void Block512<TRows>(ref float a, ref float b, ref float c, int jStart, int jEnd, int iStart, int iEnd, int vectors, int depth) where TRows : struct, ITileCount
    {
        switch (vectors)
        {
            case 1: Block512<TRows, One>(ref a, ref b, ref c, jStart, jEnd, iStart, iEnd, depth); break;
            case 2: Block512<TRows, Two>(ref a, ref b, ref c, jStart, jEnd, iStart, iEnd, depth); break;
            case 3: Block512<TRows, Three>(ref a, ref b, ref c, jStart, jEnd, iStart, iEnd, depth); break;
            default: Block512<TRows, Four>(ref a, ref b, ref c, jStart, jEnd, iStart, iEnd, depth); break;
        }
    }

    /// <summary>
    /// Register tiles of <typeparamref name="TRows"/> rows × <typeparamref name="TVectors"/> vectors of 8 columns over
    /// columns [<paramref name="jStart"/>, <paramref name="jEnd"/>) and rows [<paramref name="iStart"/>, <paramref name="iEnd"/>),
    /// columns outer. One specialized method per tile size: unused accumulators fold away and the tile body is inline in its loops.
    /// </summary>
    private static void Block256<TRows, TVectors>(ref float a, ref float b, ref float c, int jStart, int jEnd, int iStart, int iEnd, int depth)
        where TRows : struct, ITileCount where TVectors : struct, ITileCount
    {
        int rows = TRows.Value, vectors = TVectors.Value;
        for (int j = jStart; j < jEnd; j += vectors * 8)
        {
            for (int i = iStart; i < iEnd; i += rows)
            {
                Vector256<float> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default;
                Vector256<float> c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default;
                // A's column and B's row step along k by their strides: one pointer each, bumped per k.
                ref float ak = ref Unsafe.Add(ref a, i * TShape.RowStrideA);
                ref float bk = ref Unsafe.Add(ref b, j);
                for (int k = 0; k < depth; k++, ak = ref Unsafe.Add(ref ak, TShape.ColStrideA), bk = ref Unsafe.Add(ref bk, TShape.RowStrideB))
                {
                    Vector256<float> b0 = Vector256.LoadUnsafe(ref bk);
                    Vector256<float> b1 = vectors > 1 ? Vector256.LoadUnsafe(ref bk, 8) : default;
                    Vector256<float> b2 = vectors > 2 ? Vector256.LoadUnsafe(ref bk, 16) : default;
                    Vector256<float> b3 = vectors > 3 ? Vector256.LoadUnsafe(ref bk, 24) : default;
                    Vector256<float> a0 = Vector256.Create(ak);
                    c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
                    if (vectors > 1) c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
                    if (vectors > 2) c02 = Vector256.FusedMultiplyAdd(a0, b2, c02);
                    if (vectors > 3) c03 = Vector256.FusedMultiplyAdd(a0, b3, c03);
                    if (rows > 1)
                    {
                        Vector256<float> a1 = Vector256.Create(Unsafe.Add(ref ak, 1 * TShape.RowStrideA));
                        c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
                        if (vectors > 1) c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
                        if (vectors > 2) c12 = Vector256.FusedMultiplyAdd(a1, b2, c12);
                        if (vectors > 3) c13 = Vector256.FusedMultiplyAdd(a1, b3, c13);
                    }
                    if (rows > 2)
                    {
                        Vector256<float> a2 = Vector256.Create(Unsafe.Add(ref ak, 2 * TShape.RowStrideA));
                        c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
                        if (vectors > 1) c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
                        if (vectors > 2) c22 = Vector256.FusedMultiplyAdd(a2, b2, c22);
                        if (vectors > 3) c23 = Vector256.FusedMultiplyAdd(a2, b3, c23);
                    }
                    if (rows > 3)
                    {
                        Vector256<float> a3 = Vector256.Create(Unsafe.Add(ref ak, 3 * TShape.RowStrideA));
                        c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
                        if (vectors > 1) c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
                        if (vectors > 2) c32 = Vector256.FusedMultiplyAdd(a3, b2, c32);
                        if (vectors > 3) c33 = Vector256.FusedMultiplyAdd(a3, b3, c33);
                    }
                }
                Store(ref c, i, j, vectors, c00, c01, c02, c03);
                if (rows > 1) Store(ref c, i + 1, j, vectors, c10, c11, c12, c13);
                if (rows > 2) Store(ref c, i + 2, j, vectors, c20, c21, c22, c23);
                if (rows > 3) Store(ref c, i + 3, j, vectors, c30, c31, c32, c33);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float c, int row, int j, int vectors, Vector256<float> v0, Vector256<float> v1, Vector256<float> v2, Vector256<float> v3)
    {
        ref float target = ref Unsafe.Add(ref c, row * TShape.RowStrideC + j);
        Store(ref target, 0, v0);
        if (vectors > 1) Store(ref target, 8, v1);
        if (vectors > 2) Store(ref target, 16, v2);
        if (vectors > 3) Store(ref target, 24, v3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float target, nuint offset, Vector256<float> value)
    {
        if (TShape.Accumulate) value += Vector256.LoadUnsafe(ref target, offset);
        value.StoreUnsafe(ref target, offset);
    }

    /// <summary>
    /// Register tiles of <typeparamref name="TRows"/> rows × <typeparamref name="TVectors"/> vectors of 16 columns over
    /// columns [<paramref name="jStart"/>, <paramref name="jEnd"/>) and rows [<paramref name="iStart"/>, <paramref name="iEnd"/>),
    /// columns outer. One specialized method per tile size: unused accumulators fold away and the tile body is inline in its loops.
    /// </summary>
    private static void Block512<TRows, TVectors>(ref float a, ref float b, ref float c, int jStart, int jEnd, int iStart, int iEnd, int depth)
        where TRows : struct, ITileCount where TVectors : struct, ITileCount
    {
        int rows = TRows.Value, vectors = TVectors.Value;
        for (int j = jStart; j < jEnd; j += vectors * 16)
        {
            for (int i = iStart; i < iEnd; i += rows)
            {
                Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default;
                Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default;
                // A's column and B's row step along k by their strides: one pointer each, bumped per k.
                ref float ak = ref Unsafe.Add(ref a, i * TShape.RowStrideA);
                ref float bk = ref Unsafe.Add(ref b, j);
                for (int k = 0; k < depth; k++, ak = ref Unsafe.Add(ref ak, TShape.ColStrideA), bk = ref Unsafe.Add(ref bk, TShape.RowStrideB))
                {
                    Vector512<float> b0 = Vector512.LoadUnsafe(ref bk);
                    Vector512<float> b1 = vectors > 1 ? Vector512.LoadUnsafe(ref bk, 16) : default;
                    Vector512<float> b2 = vectors > 2 ? Vector512.LoadUnsafe(ref bk, 32) : default;
                    Vector512<float> b3 = vectors > 3 ? Vector512.LoadUnsafe(ref bk, 48) : default;
                    Vector512<float> a0 = Vector512.Create(ak);
                    c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
                    if (vectors > 1) c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
                    if (vectors > 2) c02 = Vector512.FusedMultiplyAdd(a0, b2, c02);
                    if (vectors > 3) c03 = Vector512.FusedMultiplyAdd(a0, b3, c03);
                    if (rows > 1)
                    {
                        Vector512<float> a1 = Vector512.Create(Unsafe.Add(ref ak, 1 * TShape.RowStrideA));
                        c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
                        if (vectors > 1) c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
                        if (vectors > 2) c12 = Vector512.FusedMultiplyAdd(a1, b2, c12);
                        if (vectors > 3) c13 = Vector512.FusedMultiplyAdd(a1, b3, c13);
                    }
                    if (rows > 2)
                    {
                        Vector512<float> a2 = Vector512.Create(Unsafe.Add(ref ak, 2 * TShape.RowStrideA));
                        c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
                        if (vectors > 1) c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
                        if (vectors > 2) c22 = Vector512.FusedMultiplyAdd(a2, b2, c22);
                        if (vectors > 3) c23 = Vector512.FusedMultiplyAdd(a2, b3, c23);
                    }
                    if (rows > 3)
                    {
                        Vector512<float> a3 = Vector512.Create(Unsafe.Add(ref ak, 3 * TShape.RowStrideA));
                        c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
                        if (vectors > 1) c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
                        if (vectors > 2) c32 = Vector512.FusedMultiplyAdd(a3, b2, c32);
                        if (vectors > 3) c33 = Vector512.FusedMultiplyAdd(a3, b3, c33);
                    }
                }
                Store(ref c, i, j, vectors, c00, c01, c02, c03);
                if (rows > 1) Store(ref c, i + 1, j, vectors, c10, c11, c12, c13);
                if (rows > 2) Store(ref c, i + 2, j, vectors, c20, c21, c22, c23);
                if (rows > 3) Store(ref c, i + 3, j, vectors, c30, c31, c32, c33);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float c, int row, int j, int vectors, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3)
    {
        ref float target = ref Unsafe.Add(ref c, row * TShape.RowStrideC + j);
        Store(ref target, 0, v0);
        if (vectors > 1) Store(ref target, 16, v1);
        if (vectors > 2) Store(ref target, 32, v2);
        if (vectors > 3) Store(ref target, 48, v3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float target, nuint offset, Vector512<float> value)
    {
        if (TShape.Accumulate) value += Vector512.LoadUnsafe(ref target, offset);
        value.StoreUnsafe(ref target, offset);
    }

    /// <summary>The last columns one at a time (fewer than one vector, or accumulating): a plain multiply and add per k.</summary>
    private static void ScalarColumns(ref float a, ref float b, ref float c, int start, int rows, int depth)
    {
        int m = Rows(rows), kEnd = Depth(depth);
        for (int j = start; j < TShape.N; j++)
        {
            for (int i = 0; i < m; i++)
            {
                float s = 0f;
                for (int k = 0; k < kEnd; k++) s += ElementA(ref a, i, k) * Unsafe.Add(ref b, k * TShape.RowStrideB + j);
                ref float target = ref Unsafe.Add(ref c, i * TShape.RowStrideC + j);
                if (TShape.Accumulate) target += s; else target = s;
            }
        }
    }
}
