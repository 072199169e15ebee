using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>The 256-bit GEMMs of <see cref="Winograd{TConv}"/>: vectors of 8 tiles.</summary>
internal static partial class Winograd<TConv>
{
    /// <summary>
    /// M[p, o, t] = Σ_i U[p, o, i] · V[p, i, t] for the 16 positions p and the block's <paramref name="tiles"/> tiles: full tiles of
    /// filters × vectors, then single vectors, then for the rest (tiles come in multiples of 4) a last vector of 8 that overlaps
    /// the one before it (the same values computed and stored twice).
    /// </summary>
    private static void Multiply256(ref float weights, ref float transformed, ref float products, int tiles)
    {
        CheckTile(TConv.Filters, TConv.Vectors);
        bool restFilters = TConv.Outputs % TConv.Filters != 0;
        Multiply256<FullTiles, FullTiles>(ref weights, ref transformed, ref products, tiles);
        Multiply256<FullTiles, RestTiles>(ref weights, ref transformed, ref products, tiles);
        if (restFilters) Multiply256<RestTiles, FullTiles>(ref weights, ref transformed, ref products, tiles);
        if (restFilters) Multiply256<RestTiles, RestTiles>(ref weights, ref transformed, ref products, tiles);
    }

    /// <summary>
    /// The tiles of one filter part and one tile part (the blocks of full vectors, or the single and overlapping vectors
    /// after them) for all 16 positions: accumulator a = filter · vectors + vector.
    /// </summary>
    private static void Multiply256<TFilters, TVectors>(ref float weights, ref float transformed, ref float products, int tiles)
        where TFilters : struct, ITilePart where TVectors : struct, ITilePart
    {
        const int Lanes = 8;
        (int filters, int firstFilter, int endFilter) = TileRange.Of<TFilters>(TConv.Outputs, TConv.Filters);
        int vectors = TVectors.IsRest ? 1 : TConv.Vectors, count = filters * vectors;
        int blockStep = TConv.Vectors * Lanes, fullEnd = tiles - tiles % blockStep;
        int inputs = TConv.Inputs, outputs = TConv.Outputs, blockTiles = BlockTiles;
        for (int p = 0; p < 16; p++)
        {
            ref float u = ref Unsafe.Add(ref weights, p * outputs * inputs);
            ref float v = ref Unsafe.Add(ref transformed, p * inputs * blockTiles);
            ref float m = ref Unsafe.Add(ref products, p * outputs * blockTiles);
            for (int f = firstFilter; f < endFilter; f += filters)
            {
                // Full blocks from 0; then whole single vectors, then the overlapping last one ending at the block's last tile.
                int t = TVectors.IsRest ? fullEnd : 0, end = TVectors.IsRest ? tiles - tiles % Lanes : fullEnd;
                bool overlap = TVectors.IsRest && tiles % Lanes != 0;
                for (; t < end || overlap; t += vectors * Lanes)
                {
                    if (t >= end)
                    {
                        t = tiles - Lanes;
                        overlap = false;
                    }
                    Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
                    Vector256<float> s8 = default, s9 = default, s10 = default, s11 = default, s12 = default, s13 = default, s14 = default, s15 = default;
                    ref float column = ref Unsafe.Add(ref v, t);
                    ref float row = ref Unsafe.Add(ref u, f * inputs);
                    for (int i = 0; i < inputs; i++, column = ref Unsafe.Add(ref column, blockTiles), row = ref Unsafe.Add(ref row, 1))
                    {
                        Vector256<float> x0 = Vector256.LoadUnsafe(ref column);
                        Vector256<float> x1 = vectors > 1 ? Vector256.LoadUnsafe(ref column, 8) : default;
                        Vector256<float> x2 = vectors > 2 ? Vector256.LoadUnsafe(ref column, 16) : default;
                        Vector256<float> x3 = vectors > 3 ? Vector256.LoadUnsafe(ref column, 24) : default;
                        Vector256<float> w = default;
                        { if (0 % vectors == 0) w = Vector256.Create(Unsafe.Add(ref row, 0 / vectors * inputs)); s0 = Vector256.FusedMultiplyAdd(Pick.Of(0 % vectors, x0, x1, x2, x3), w, s0); }
                        if (count > 1) { if (1 % vectors == 0) w = Vector256.Create(Unsafe.Add(ref row, 1 / vectors * inputs)); s1 = Vector256.FusedMultiplyAdd(Pick.Of(1 % vectors, x0, x1, x2, x3), w, s1); }
                        if (count > 2) { if (2 % vectors == 0) w = Vector256.Create(Unsafe.Add(ref row, 2 / vectors * inputs)); s2 = Vector256.FusedMultiplyAdd(Pick.Of(2 % vectors, x0, x1, x2, x3), w, s2); }
                        if (count > 3) { if (3 % vectors == 0) w = Vector256.Create(Unsafe.Add(ref row, 3 / vectors * inputs)); s3 = Vector256.FusedMultiplyAdd(Pick.Of(3 % vectors, x0, x1, x2, x3), w, s3); }
                        if (count > 4) { if (4 % vectors == 0) w = Vector256.Create(Unsafe.Add(ref row, 4 / vectors * inputs)); s4 = Vector256.FusedMultiplyAdd(Pick.Of(4 % vectors, x0, x1, x2, x3), w, s4); }
                        if (count > 5) { if (5 % vectors == 0) w = Vector256.Create(Unsafe.Add(ref row, 5 / vectors * inputs)); s5 = Vector256.FusedMultiplyAdd(Pick.Of(5 % vectors, x0, x1, x2, x3), w, s5); }
                        if (count > 6) { if (6 % vectors == 0) w = Vector256.Create(Unsafe.Add(ref row, 6 / vectors * inputs)); s6 = Vector256.FusedMultiplyAdd(Pick.Of(6 % vectors, x0, x1, x2, x3), w, s6); }
                        if (count > 7) { if (7 % vectors == 0) w = Vector256.Create(Unsafe.Add(ref row, 7 / vectors * inputs)); s7 = Vector256.FusedMultiplyAdd(Pick.Of(7 % vectors, x0, x1, x2, x3), w, s7); }
                        if (count > 8) { if (8 % vectors == 0) w = Vector256.Create(Unsafe.Add(ref row, 8 / vectors * inputs)); s8 = Vector256.FusedMultiplyAdd(Pick.Of(8 % vectors, x0, x1, x2, x3), w, s8); }
                        if (count > 9) { if (9 % vectors == 0) w = Vector256.Create(Unsafe.Add(ref row, 9 / vectors * inputs)); s9 = Vector256.FusedMultiplyAdd(Pick.Of(9 % vectors, x0, x1, x2, x3), w, s9); }
                        if (count > 10) { if (10 % vectors == 0) w = Vector256.Create(Unsafe.Add(ref row, 10 / vectors * inputs)); s10 = Vector256.FusedMultiplyAdd(Pick.Of(10 % vectors, x0, x1, x2, x3), w, s10); }
                        if (count > 11) { if (11 % vectors == 0) w = Vector256.Create(Unsafe.Add(ref row, 11 / vectors * inputs)); s11 = Vector256.FusedMultiplyAdd(Pick.Of(11 % vectors, x0, x1, x2, x3), w, s11); }
                        if (count > 12) { if (12 % vectors == 0) w = Vector256.Create(Unsafe.Add(ref row, 12 / vectors * inputs)); s12 = Vector256.FusedMultiplyAdd(Pick.Of(12 % vectors, x0, x1, x2, x3), w, s12); }
                        if (count > 13) { if (13 % vectors == 0) w = Vector256.Create(Unsafe.Add(ref row, 13 / vectors * inputs)); s13 = Vector256.FusedMultiplyAdd(Pick.Of(13 % vectors, x0, x1, x2, x3), w, s13); }
                        if (count > 14) { if (14 % vectors == 0) w = Vector256.Create(Unsafe.Add(ref row, 14 / vectors * inputs)); s14 = Vector256.FusedMultiplyAdd(Pick.Of(14 % vectors, x0, x1, x2, x3), w, s14); }
                        if (count > 15) { if (15 % vectors == 0) w = Vector256.Create(Unsafe.Add(ref row, 15 / vectors * inputs)); s15 = Vector256.FusedMultiplyAdd(Pick.Of(15 % vectors, x0, x1, x2, x3), w, s15); }
                    }
                    ref float target = ref Unsafe.Add(ref m, f * blockTiles + t);
                    s0.StoreUnsafe(ref target, (nuint)(0 / vectors * blockTiles + 0 % vectors * Lanes));
                    if (count > 1) s1.StoreUnsafe(ref target, (nuint)(1 / vectors * blockTiles + 1 % vectors * Lanes));
                    if (count > 2) s2.StoreUnsafe(ref target, (nuint)(2 / vectors * blockTiles + 2 % vectors * Lanes));
                    if (count > 3) s3.StoreUnsafe(ref target, (nuint)(3 / vectors * blockTiles + 3 % vectors * Lanes));
                    if (count > 4) s4.StoreUnsafe(ref target, (nuint)(4 / vectors * blockTiles + 4 % vectors * Lanes));
                    if (count > 5) s5.StoreUnsafe(ref target, (nuint)(5 / vectors * blockTiles + 5 % vectors * Lanes));
                    if (count > 6) s6.StoreUnsafe(ref target, (nuint)(6 / vectors * blockTiles + 6 % vectors * Lanes));
                    if (count > 7) s7.StoreUnsafe(ref target, (nuint)(7 / vectors * blockTiles + 7 % vectors * Lanes));
                    if (count > 8) s8.StoreUnsafe(ref target, (nuint)(8 / vectors * blockTiles + 8 % vectors * Lanes));
                    if (count > 9) s9.StoreUnsafe(ref target, (nuint)(9 / vectors * blockTiles + 9 % vectors * Lanes));
                    if (count > 10) s10.StoreUnsafe(ref target, (nuint)(10 / vectors * blockTiles + 10 % vectors * Lanes));
                    if (count > 11) s11.StoreUnsafe(ref target, (nuint)(11 / vectors * blockTiles + 11 % vectors * Lanes));
                    if (count > 12) s12.StoreUnsafe(ref target, (nuint)(12 / vectors * blockTiles + 12 % vectors * Lanes));
                    if (count > 13) s13.StoreUnsafe(ref target, (nuint)(13 / vectors * blockTiles + 13 % vectors * Lanes));
                    if (count > 14) s14.StoreUnsafe(ref target, (nuint)(14 / vectors * blockTiles + 14 % vectors * Lanes));
                    if (count > 15) s15.StoreUnsafe(ref target, (nuint)(15 / vectors * blockTiles + 15 % vectors * Lanes));
                }
            }
        }
    }
}
