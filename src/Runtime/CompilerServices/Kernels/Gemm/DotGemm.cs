using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// C(i, j) (=|+=) Σₖ A[i·RowStrideA + k] · B[j·RowStrideB + k] with every size, stride and tile a constant of
/// <typeparamref name="TShape"/>: both operands run contiguously along K, so the kernel vectorizes along K and keeps a
/// RowTile × ColumnTile block of dot products in registers, each finished by one horizontal sum (then the K % lanes
/// tail one product at a time). Row tiles outside, column blocks inside.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DotGemm<TShape> where TShape : struct, IDotGemm
{
    /// <summary>Runs the GEMM; <paramref name="rows"/> is used only where M is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Multiply(ref float a, ref float b, ref float c, int rows = 0)
    {
        if (TShape.Wide && Vector512.IsHardwareAccelerated) Run(ref a, ref b, ref c, rows, wide: true);
        else Run(ref a, ref b, ref c, rows, wide: false);
    }

    private static int TileRows => TShape.M == 0 ? TShape.RowTile : Math.Min(TShape.RowTile, TShape.M);

    private static int TileColumns => Math.Min(TShape.ColumnTile, TShape.N);

    /// <summary>Full row tiles, then the leftover rows (one smaller tile, or one row at a time when M is the batch); each against full column tiles, then the leftover columns.</summary>
    private static void Run(ref float a, ref float b, ref float c, int rows, bool wide)
    {
        int m = TShape.M == 0 ? rows : TShape.M;
        int fullRows = m - m % TileRows;
        Rows(ref a, ref b, ref c, 0, fullRows, TileRows, wide);
        if (fullRows < m) Rows(ref a, ref b, ref c, fullRows, m, TShape.M == 0 ? 1 : m - fullRows, wide);
    }

    private static void Rows(ref float a, ref float b, ref float c, int iStart, int iEnd, int tileRows, bool wide)
    {
        if (iStart >= iEnd) return;
        int fullColumns = TShape.N - TShape.N % TileColumns;
        if (wide) Block512(ref a, ref b, ref c, iStart, iEnd, 0, fullColumns, tileRows, TileColumns);
        else Block256(ref a, ref b, ref c, iStart, iEnd, 0, fullColumns, tileRows, TileColumns);
        if (fullColumns == TShape.N) return;
        if (wide) Block512(ref a, ref b, ref c, iStart, iEnd, fullColumns, TShape.N, tileRows, TShape.N - fullColumns);
        else Block256(ref a, ref b, ref c, iStart, iEnd, fullColumns, TShape.N, tileRows, TShape.N - fullColumns);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Product(ref float a, ref float b, int row, int column, int k) =>
        Unsafe.Add(ref a, row * TShape.RowStrideA + k) * Unsafe.Add(ref b, column * TShape.RowStrideB + k);

    /// <summary>
    /// Blocks of <typeparamref name="TRows"/> × <typeparamref name="TColumns"/> dot products over rows [<paramref name="iStart"/>,
    /// <paramref name="iEnd"/>) of A and rows [<paramref name="jStart"/>, <paramref name="jEnd"/>) of B, 8 floats of K per
    /// vector. One specialized method per tile size: unused accumulators and sums fold away and the tile is inline in its loops.
    /// </summary>
    private static void Block256<TRows, TColumns>(ref float a, ref float b, ref float c, int iStart, int iEnd, int jStart, int jEnd)
        where TRows : struct, ITileCount where TColumns : struct, ITileCount
    {
        const int Lanes = 8;
        int rows = TRows.Value, columns = TColumns.Value;
        int vectorK = TShape.K - TShape.K % Lanes;
        for (int i = iStart; i < iEnd; i += rows)
        {
            for (int j = jStart; j < jEnd; j += columns)
            {
                Vector256<float> d00 = default, d01 = default, d02 = default, d03 = default, d10 = default, d11 = default, d12 = default, d13 = default;
                Vector256<float> d20 = default, d21 = default, d22 = default, d23 = default, d30 = default, d31 = default, d32 = default, d33 = default;
                // Each operand row's start once per block, so the loop body only steps k.
                ref float aRow = ref Unsafe.Add(ref a, i * TShape.RowStrideA);
                ref float bRow = ref Unsafe.Add(ref b, j * TShape.RowStrideB);
                for (int k = 0; k < vectorK; k += Lanes)
                {
                    Vector256<float> a0 = Vector256.LoadUnsafe(ref aRow, (nuint)k);
                    Vector256<float> a1 = rows > 1 ? Vector256.LoadUnsafe(ref aRow, (nuint)(TShape.RowStrideA + k)) : default;
                    Vector256<float> a2 = rows > 2 ? Vector256.LoadUnsafe(ref aRow, (nuint)(2 * TShape.RowStrideA + k)) : default;
                    Vector256<float> a3 = rows > 3 ? Vector256.LoadUnsafe(ref aRow, (nuint)(3 * TShape.RowStrideA + k)) : default;
                    Vector256<float> b0 = Vector256.LoadUnsafe(ref bRow, (nuint)k);
                    Vector256<float> b1 = columns > 1 ? Vector256.LoadUnsafe(ref bRow, (nuint)(TShape.RowStrideB + k)) : default;
                    Vector256<float> b2 = columns > 2 ? Vector256.LoadUnsafe(ref bRow, (nuint)(2 * TShape.RowStrideB + k)) : default;
                    Vector256<float> b3 = columns > 3 ? Vector256.LoadUnsafe(ref bRow, (nuint)(3 * TShape.RowStrideB + k)) : default;
                    d00 = Vector256.FusedMultiplyAdd(a0, b0, d00);
                    if (columns > 1) d01 = Vector256.FusedMultiplyAdd(a0, b1, d01);
                    if (columns > 2) d02 = Vector256.FusedMultiplyAdd(a0, b2, d02);
                    if (columns > 3) d03 = Vector256.FusedMultiplyAdd(a0, b3, d03);
                    if (rows > 1)
                    {
                        d10 = Vector256.FusedMultiplyAdd(a1, b0, d10);
                        if (columns > 1) d11 = Vector256.FusedMultiplyAdd(a1, b1, d11);
                        if (columns > 2) d12 = Vector256.FusedMultiplyAdd(a1, b2, d12);
                        if (columns > 3) d13 = Vector256.FusedMultiplyAdd(a1, b3, d13);
                    }
                    if (rows > 2)
                    {
                        d20 = Vector256.FusedMultiplyAdd(a2, b0, d20);
                        if (columns > 1) d21 = Vector256.FusedMultiplyAdd(a2, b1, d21);
                        if (columns > 2) d22 = Vector256.FusedMultiplyAdd(a2, b2, d22);
                        if (columns > 3) d23 = Vector256.FusedMultiplyAdd(a2, b3, d23);
                    }
                    if (rows > 3)
                    {
                        d30 = Vector256.FusedMultiplyAdd(a3, b0, d30);
                        if (columns > 1) d31 = Vector256.FusedMultiplyAdd(a3, b1, d31);
                        if (columns > 2) d32 = Vector256.FusedMultiplyAdd(a3, b2, d32);
                        if (columns > 3) d33 = Vector256.FusedMultiplyAdd(a3, b3, d33);
                    }
                }
                Finish(ref a, ref b, ref c, i, j, columns, vectorK, Vector256.Sum(d00), columns > 1 ? Vector256.Sum(d01) : 0f, columns > 2 ? Vector256.Sum(d02) : 0f, columns > 3 ? Vector256.Sum(d03) : 0f);
                if (rows > 1) Finish(ref a, ref b, ref c, i + 1, j, columns, vectorK, Vector256.Sum(d10), columns > 1 ? Vector256.Sum(d11) : 0f, columns > 2 ? Vector256.Sum(d12) : 0f, columns > 3 ? Vector256.Sum(d13) : 0f);
                if (rows > 2) Finish(ref a, ref b, ref c, i + 2, j, columns, vectorK, Vector256.Sum(d20), columns > 1 ? Vector256.Sum(d21) : 0f, columns > 2 ? Vector256.Sum(d22) : 0f, columns > 3 ? Vector256.Sum(d23) : 0f);
                if (rows > 3) Finish(ref a, ref b, ref c, i + 3, j, columns, vectorK, Vector256.Sum(d30), columns > 1 ? Vector256.Sum(d31) : 0f, columns > 2 ? Vector256.Sum(d32) : 0f, columns > 3 ? Vector256.Sum(d33) : 0f);
            }
        }
    }

    private static void Block256(ref float a, ref float b, ref float c, int iStart, int iEnd, int jStart, int jEnd, int rows, int columns)
    {
        switch (rows)
        {
            case 1: Block256<One>(ref a, ref b, ref c, iStart, iEnd, jStart, jEnd, columns); break;
            case 2: Block256<Two>(ref a, ref b, ref c, iStart, iEnd, jStart, jEnd, columns); break;
            case 3: Block256<Three>(ref a, ref b, ref c, iStart, iEnd, jStart, jEnd, columns); break;
            default: Block256<Four>(ref a, ref b, ref c, iStart, iEnd, jStart, jEnd, columns); break;
        }
    }

    private static void Block256<TRows>(ref float a, ref float b, ref float c, int iStart, int iEnd, int jStart, int jEnd, int columns) where TRows : struct, ITileCount
    {
        switch (columns)
        {
            case 1: Block256<TRows, One>(ref a, ref b, ref c, iStart, iEnd, jStart, jEnd); break;
            case 2: Block256<TRows, Two>(ref a, ref b, ref c, iStart, iEnd, jStart, jEnd); break;
            case 3: Block256<TRows, Three>(ref a, ref b, ref c, iStart, iEnd, jStart, jEnd); break;
            default: Block256<TRows, Four>(ref a, ref b, ref c, iStart, iEnd, jStart, jEnd); break;
        }
    }

    /// <summary>
    /// Blocks of <typeparamref name="TRows"/> × <typeparamref name="TColumns"/> dot products over rows [<paramref name="iStart"/>,
    /// <paramref name="iEnd"/>) of A and rows [<paramref name="jStart"/>, <paramref name="jEnd"/>) of B, 16 floats of K per
    /// vector. One specialized method per tile size: unused accumulators and sums fold away and the tile is inline in its loops.
    /// </summary>
    private static void Block512<TRows, TColumns>(ref float a, ref float b, ref float c, int iStart, int iEnd, int jStart, int jEnd)
        where TRows : struct, ITileCount where TColumns : struct, ITileCount
    {
        const int Lanes = 16;
        int rows = TRows.Value, columns = TColumns.Value;
        int vectorK = TShape.K - TShape.K % Lanes;
        for (int i = iStart; i < iEnd; i += rows)
        {
            for (int j = jStart; j < jEnd; j += columns)
            {
                Vector512<float> d00 = default, d01 = default, d02 = default, d03 = default, d10 = default, d11 = default, d12 = default, d13 = default;
                Vector512<float> d20 = default, d21 = default, d22 = default, d23 = default, d30 = default, d31 = default, d32 = default, d33 = default;
                // Each operand row's start once per block, so the loop body only steps k.
                ref float aRow = ref Unsafe.Add(ref a, i * TShape.RowStrideA);
                ref float bRow = ref Unsafe.Add(ref b, j * TShape.RowStrideB);
                for (int k = 0; k < vectorK; k += Lanes)
                {
                    Vector512<float> a0 = Vector512.LoadUnsafe(ref aRow, (nuint)k);
                    Vector512<float> a1 = rows > 1 ? Vector512.LoadUnsafe(ref aRow, (nuint)(TShape.RowStrideA + k)) : default;
                    Vector512<float> a2 = rows > 2 ? Vector512.LoadUnsafe(ref aRow, (nuint)(2 * TShape.RowStrideA + k)) : default;
                    Vector512<float> a3 = rows > 3 ? Vector512.LoadUnsafe(ref aRow, (nuint)(3 * TShape.RowStrideA + k)) : default;
                    Vector512<float> b0 = Vector512.LoadUnsafe(ref bRow, (nuint)k);
                    Vector512<float> b1 = columns > 1 ? Vector512.LoadUnsafe(ref bRow, (nuint)(TShape.RowStrideB + k)) : default;
                    Vector512<float> b2 = columns > 2 ? Vector512.LoadUnsafe(ref bRow, (nuint)(2 * TShape.RowStrideB + k)) : default;
                    Vector512<float> b3 = columns > 3 ? Vector512.LoadUnsafe(ref bRow, (nuint)(3 * TShape.RowStrideB + k)) : default;
                    d00 = Vector512.FusedMultiplyAdd(a0, b0, d00);
                    if (columns > 1) d01 = Vector512.FusedMultiplyAdd(a0, b1, d01);
                    if (columns > 2) d02 = Vector512.FusedMultiplyAdd(a0, b2, d02);
                    if (columns > 3) d03 = Vector512.FusedMultiplyAdd(a0, b3, d03);
                    if (rows > 1)
                    {
                        d10 = Vector512.FusedMultiplyAdd(a1, b0, d10);
                        if (columns > 1) d11 = Vector512.FusedMultiplyAdd(a1, b1, d11);
                        if (columns > 2) d12 = Vector512.FusedMultiplyAdd(a1, b2, d12);
                        if (columns > 3) d13 = Vector512.FusedMultiplyAdd(a1, b3, d13);
                    }
                    if (rows > 2)
                    {
                        d20 = Vector512.FusedMultiplyAdd(a2, b0, d20);
                        if (columns > 1) d21 = Vector512.FusedMultiplyAdd(a2, b1, d21);
                        if (columns > 2) d22 = Vector512.FusedMultiplyAdd(a2, b2, d22);
                        if (columns > 3) d23 = Vector512.FusedMultiplyAdd(a2, b3, d23);
                    }
                    if (rows > 3)
                    {
                        d30 = Vector512.FusedMultiplyAdd(a3, b0, d30);
                        if (columns > 1) d31 = Vector512.FusedMultiplyAdd(a3, b1, d31);
                        if (columns > 2) d32 = Vector512.FusedMultiplyAdd(a3, b2, d32);
                        if (columns > 3) d33 = Vector512.FusedMultiplyAdd(a3, b3, d33);
                    }
                }
                Finish(ref a, ref b, ref c, i, j, columns, vectorK, Vector512.Sum(d00), columns > 1 ? Vector512.Sum(d01) : 0f, columns > 2 ? Vector512.Sum(d02) : 0f, columns > 3 ? Vector512.Sum(d03) : 0f);
                if (rows > 1) Finish(ref a, ref b, ref c, i + 1, j, columns, vectorK, Vector512.Sum(d10), columns > 1 ? Vector512.Sum(d11) : 0f, columns > 2 ? Vector512.Sum(d12) : 0f, columns > 3 ? Vector512.Sum(d13) : 0f);
                if (rows > 2) Finish(ref a, ref b, ref c, i + 2, j, columns, vectorK, Vector512.Sum(d20), columns > 1 ? Vector512.Sum(d21) : 0f, columns > 2 ? Vector512.Sum(d22) : 0f, columns > 3 ? Vector512.Sum(d23) : 0f);
                if (rows > 3) Finish(ref a, ref b, ref c, i + 3, j, columns, vectorK, Vector512.Sum(d30), columns > 1 ? Vector512.Sum(d31) : 0f, columns > 2 ? Vector512.Sum(d32) : 0f, columns > 3 ? Vector512.Sum(d33) : 0f);
            }
        }
    }

    private static void Block512(ref float a, ref float b, ref float c, int iStart, int iEnd, int jStart, int jEnd, int rows, int columns)
    {
        switch (rows)
        {
            case 1: Block512<One>(ref a, ref b, ref c, iStart, iEnd, jStart, jEnd, columns); break;
            case 2: Block512<Two>(ref a, ref b, ref c, iStart, iEnd, jStart, jEnd, columns); break;
            case 3: Block512<Three>(ref a, ref b, ref c, iStart, iEnd, jStart, jEnd, columns); break;
            default: Block512<Four>(ref a, ref b, ref c, iStart, iEnd, jStart, jEnd, columns); break;
        }
    }

    private static void Block512<TRows>(ref float a, ref float b, ref float c, int iStart, int iEnd, int jStart, int jEnd, int columns) where TRows : struct, ITileCount
    {
        switch (columns)
        {
            case 1: Block512<TRows, One>(ref a, ref b, ref c, iStart, iEnd, jStart, jEnd); break;
            case 2: Block512<TRows, Two>(ref a, ref b, ref c, iStart, iEnd, jStart, jEnd); break;
            case 3: Block512<TRows, Three>(ref a, ref b, ref c, iStart, iEnd, jStart, jEnd); break;
            default: Block512<TRows, Four>(ref a, ref b, ref c, iStart, iEnd, jStart, jEnd); break;
        }
    }

    /// <summary>Adds the K tail (one product at a time) to the vector sums of one row of a block and stores them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(ref float a, ref float b, ref float c, int i, int j, int columns, int vectorK, float s0, float s1, float s2, float s3)
    {
        for (int k = vectorK; k < TShape.K; k++)
        {
            s0 += Product(ref a, ref b, i, j, k);
            if (columns > 1) s1 += Product(ref a, ref b, i, j + 1, k);
            if (columns > 2) s2 += Product(ref a, ref b, i, j + 2, k);
            if (columns > 3) s3 += Product(ref a, ref b, i, j + 3, k);
        }
        Store(ref c, i, j, s0);
        if (columns > 1) Store(ref c, i, j + 1, s1);
        if (columns > 2) Store(ref c, i, j + 2, s2);
        if (columns > 3) Store(ref c, i, j + 3, s3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float c, int row, int column, float value)
    {
        ref float target = ref Unsafe.Add(ref c, row * TShape.RowStrideC + column * TShape.ColStrideC);
        if (TShape.Accumulate) target += value; else target = value;
    }
}
