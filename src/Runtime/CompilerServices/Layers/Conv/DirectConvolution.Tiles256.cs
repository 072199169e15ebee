using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>The 256-bit kernel of <see cref="DirectConvolution{TConv}"/>: vectors of 8 output columns.</summary>
internal static partial class DirectConvolution<TConv>
{
    private static void Convolve256(ref float padded, ref float weights, ReadOnlySpan<float> bias, ref float output)
    {
        const int Lanes = 8;
        CheckTile(TConv.Filters, TConv.Rows, TConv.Vectors);
        bool restFilters = TConv.Outputs % TConv.Filters != 0, restRows = TConv.Height % TConv.Rows != 0, restColumns = HasRestColumns(Lanes, TConv.Vectors);
        // One specialized method per tile size (full or rest of each dimension), each looping over its tiles.
        Tiles256<FullTiles, FullTiles, FullTiles>(ref padded, ref weights, bias, ref output);
        if (restColumns) Tiles256<FullTiles, FullTiles, RestTiles>(ref padded, ref weights, bias, ref output);
        if (restRows) Tiles256<FullTiles, RestTiles, FullTiles>(ref padded, ref weights, bias, ref output);
        if (restRows && restColumns) Tiles256<FullTiles, RestTiles, RestTiles>(ref padded, ref weights, bias, ref output);
        if (restFilters) Tiles256<RestTiles, FullTiles, FullTiles>(ref padded, ref weights, bias, ref output);
        if (restFilters && restColumns) Tiles256<RestTiles, FullTiles, RestTiles>(ref padded, ref weights, bias, ref output);
        if (restFilters && restRows) Tiles256<RestTiles, RestTiles, FullTiles>(ref padded, ref weights, bias, ref output);
        if (restFilters && restRows && restColumns) Tiles256<RestTiles, RestTiles, RestTiles>(ref padded, ref weights, bias, ref output);
    }

    /// <summary>Every tile of one filter part × row part × column part: <typeparamref name="TFilters"/> filters × <typeparamref name="TRows"/> rows × <typeparamref name="TColumns"/> vectors, accumulator a = filter · positions + position, position = row · vectors + vector.</summary>
    private static void Tiles256<TFilters, TRows, TColumns>(ref float padded, ref float weights, ReadOnlySpan<float> bias, ref float output)
        where TFilters : struct, ITilePart where TRows : struct, ITilePart where TColumns : struct, ITilePart
    {
        const int Lanes = 8;
        (int filters, int firstFilter, int endFilter) = TileRange.Of<TFilters>(TConv.Outputs, TConv.Filters);
        (int rows, int firstRow, int endRow) = TileRange.Of<TRows>(TConv.Height, TConv.Rows);
        int columns = ColumnVectors<TColumns>(Lanes, TConv.Vectors), shift = ColumnShift<TColumns>(Lanes, TConv.Vectors);
        (int firstColumn, int endColumn, int columnStep) = ColumnRange<TColumns>(Lanes, TConv.Vectors);
        int positions = rows * columns, count = filters * positions;
        int sourceWidth = SourceWidth, planeLength = SourceHeight * SourceWidth, filterLength = TConv.Inputs * TConv.KernelHeight * TConv.KernelWidth, height = TConv.Height, width = TConv.Width;
        bool hasBias = !bias.IsEmpty;
        for (int f = firstFilter; f < endFilter; f += filters)
        {
            for (int y = firstRow; y < endRow; y += rows)
            {
                for (int x = firstColumn; x < endColumn; x += columnStep)
                {
                    Vector256<float> s0 = Bias256(bias, hasBias, f);
                    Vector256<float> s1 = count > 1 ? Bias256(bias, hasBias, f + 1 / positions) : default, s2 = count > 2 ? Bias256(bias, hasBias, f + 2 / positions) : default, s3 = count > 3 ? Bias256(bias, hasBias, f + 3 / positions) : default;
                    Vector256<float> s4 = count > 4 ? Bias256(bias, hasBias, f + 4 / positions) : default, s5 = count > 5 ? Bias256(bias, hasBias, f + 5 / positions) : default, s6 = count > 6 ? Bias256(bias, hasBias, f + 6 / positions) : default;
                    Vector256<float> s7 = count > 7 ? Bias256(bias, hasBias, f + 7 / positions) : default, s8 = count > 8 ? Bias256(bias, hasBias, f + 8 / positions) : default, s9 = count > 9 ? Bias256(bias, hasBias, f + 9 / positions) : default;
                    Vector256<float> s10 = count > 10 ? Bias256(bias, hasBias, f + 10 / positions) : default, s11 = count > 11 ? Bias256(bias, hasBias, f + 11 / positions) : default, s12 = count > 12 ? Bias256(bias, hasBias, f + 12 / positions) : default;
                    Vector256<float> s13 = count > 13 ? Bias256(bias, hasBias, f + 13 / positions) : default, s14 = count > 14 ? Bias256(bias, hasBias, f + 14 / positions) : default, s15 = count > 15 ? Bias256(bias, hasBias, f + 15 / positions) : default;
                    // The tile's source rows start at (y, x); the weights of its first filter at f. Both pointers step by one per kernel tap.
                    ref float plane = ref Unsafe.Add(ref padded, y * sourceWidth + x);
                    ref float tap = ref Unsafe.Add(ref weights, f * filterLength);
                    for (int i = 0; i < TConv.Inputs; i++, plane = ref Unsafe.Add(ref plane, planeLength))
                    {
                        ref float row = ref plane;
                        for (int ky = 0; ky < TConv.KernelHeight; ky++, row = ref Unsafe.Add(ref row, sourceWidth))
                        {
                            ref float at = ref row;
                            for (int kx = 0; kx < TConv.KernelWidth; kx++, at = ref Unsafe.Add(ref at, 1), tap = ref Unsafe.Add(ref tap, 1))
                            {
                                Vector256<float> x0 = Load256(ref at, PositionOffset(0, columns, shift, Lanes, sourceWidth));
                                Vector256<float> x1 = positions > 1 ? Load256(ref at, PositionOffset(1, columns, shift, Lanes, sourceWidth)) : default;
                                Vector256<float> x2 = positions > 2 ? Load256(ref at, PositionOffset(2, columns, shift, Lanes, sourceWidth)) : default;
                                Vector256<float> x3 = positions > 3 ? Load256(ref at, PositionOffset(3, columns, shift, Lanes, sourceWidth)) : default;
                                Vector256<float> w = default;
                                { if (0 % positions == 0) w = Vector256.Create(Unsafe.Add(ref tap, 0 / positions * filterLength)); s0 = Vector256.FusedMultiplyAdd(Pick.Of(0 % positions, x0, x1, x2, x3), w, s0); }
                                if (count > 1) { if (1 % positions == 0) w = Vector256.Create(Unsafe.Add(ref tap, 1 / positions * filterLength)); s1 = Vector256.FusedMultiplyAdd(Pick.Of(1 % positions, x0, x1, x2, x3), w, s1); }
                                if (count > 2) { if (2 % positions == 0) w = Vector256.Create(Unsafe.Add(ref tap, 2 / positions * filterLength)); s2 = Vector256.FusedMultiplyAdd(Pick.Of(2 % positions, x0, x1, x2, x3), w, s2); }
                                if (count > 3) { if (3 % positions == 0) w = Vector256.Create(Unsafe.Add(ref tap, 3 / positions * filterLength)); s3 = Vector256.FusedMultiplyAdd(Pick.Of(3 % positions, x0, x1, x2, x3), w, s3); }
                                if (count > 4) { if (4 % positions == 0) w = Vector256.Create(Unsafe.Add(ref tap, 4 / positions * filterLength)); s4 = Vector256.FusedMultiplyAdd(Pick.Of(4 % positions, x0, x1, x2, x3), w, s4); }
                                if (count > 5) { if (5 % positions == 0) w = Vector256.Create(Unsafe.Add(ref tap, 5 / positions * filterLength)); s5 = Vector256.FusedMultiplyAdd(Pick.Of(5 % positions, x0, x1, x2, x3), w, s5); }
                                if (count > 6) { if (6 % positions == 0) w = Vector256.Create(Unsafe.Add(ref tap, 6 / positions * filterLength)); s6 = Vector256.FusedMultiplyAdd(Pick.Of(6 % positions, x0, x1, x2, x3), w, s6); }
                                if (count > 7) { if (7 % positions == 0) w = Vector256.Create(Unsafe.Add(ref tap, 7 / positions * filterLength)); s7 = Vector256.FusedMultiplyAdd(Pick.Of(7 % positions, x0, x1, x2, x3), w, s7); }
                                if (count > 8) { if (8 % positions == 0) w = Vector256.Create(Unsafe.Add(ref tap, 8 / positions * filterLength)); s8 = Vector256.FusedMultiplyAdd(Pick.Of(8 % positions, x0, x1, x2, x3), w, s8); }
                                if (count > 9) { if (9 % positions == 0) w = Vector256.Create(Unsafe.Add(ref tap, 9 / positions * filterLength)); s9 = Vector256.FusedMultiplyAdd(Pick.Of(9 % positions, x0, x1, x2, x3), w, s9); }
                                if (count > 10) { if (10 % positions == 0) w = Vector256.Create(Unsafe.Add(ref tap, 10 / positions * filterLength)); s10 = Vector256.FusedMultiplyAdd(Pick.Of(10 % positions, x0, x1, x2, x3), w, s10); }
                                if (count > 11) { if (11 % positions == 0) w = Vector256.Create(Unsafe.Add(ref tap, 11 / positions * filterLength)); s11 = Vector256.FusedMultiplyAdd(Pick.Of(11 % positions, x0, x1, x2, x3), w, s11); }
                                if (count > 12) { if (12 % positions == 0) w = Vector256.Create(Unsafe.Add(ref tap, 12 / positions * filterLength)); s12 = Vector256.FusedMultiplyAdd(Pick.Of(12 % positions, x0, x1, x2, x3), w, s12); }
                                if (count > 13) { if (13 % positions == 0) w = Vector256.Create(Unsafe.Add(ref tap, 13 / positions * filterLength)); s13 = Vector256.FusedMultiplyAdd(Pick.Of(13 % positions, x0, x1, x2, x3), w, s13); }
                                if (count > 14) { if (14 % positions == 0) w = Vector256.Create(Unsafe.Add(ref tap, 14 / positions * filterLength)); s14 = Vector256.FusedMultiplyAdd(Pick.Of(14 % positions, x0, x1, x2, x3), w, s14); }
                                if (count > 15) { if (15 % positions == 0) w = Vector256.Create(Unsafe.Add(ref tap, 15 / positions * filterLength)); s15 = Vector256.FusedMultiplyAdd(Pick.Of(15 % positions, x0, x1, x2, x3), w, s15); }
                            }
                        }
                    }
                    ref float target = ref Unsafe.Add(ref output, (f * height + y) * width + x);
                    Store256(ref target, 0 / positions * height * width + PositionOffset(0 % positions, columns, shift, Lanes, width), s0);
                    if (count > 1) Store256(ref target, 1 / positions * height * width + PositionOffset(1 % positions, columns, shift, Lanes, width), s1);
                    if (count > 2) Store256(ref target, 2 / positions * height * width + PositionOffset(2 % positions, columns, shift, Lanes, width), s2);
                    if (count > 3) Store256(ref target, 3 / positions * height * width + PositionOffset(3 % positions, columns, shift, Lanes, width), s3);
                    if (count > 4) Store256(ref target, 4 / positions * height * width + PositionOffset(4 % positions, columns, shift, Lanes, width), s4);
                    if (count > 5) Store256(ref target, 5 / positions * height * width + PositionOffset(5 % positions, columns, shift, Lanes, width), s5);
                    if (count > 6) Store256(ref target, 6 / positions * height * width + PositionOffset(6 % positions, columns, shift, Lanes, width), s6);
                    if (count > 7) Store256(ref target, 7 / positions * height * width + PositionOffset(7 % positions, columns, shift, Lanes, width), s7);
                    if (count > 8) Store256(ref target, 8 / positions * height * width + PositionOffset(8 % positions, columns, shift, Lanes, width), s8);
                    if (count > 9) Store256(ref target, 9 / positions * height * width + PositionOffset(9 % positions, columns, shift, Lanes, width), s9);
                    if (count > 10) Store256(ref target, 10 / positions * height * width + PositionOffset(10 % positions, columns, shift, Lanes, width), s10);
                    if (count > 11) Store256(ref target, 11 / positions * height * width + PositionOffset(11 % positions, columns, shift, Lanes, width), s11);
                    if (count > 12) Store256(ref target, 12 / positions * height * width + PositionOffset(12 % positions, columns, shift, Lanes, width), s12);
                    if (count > 13) Store256(ref target, 13 / positions * height * width + PositionOffset(13 % positions, columns, shift, Lanes, width), s13);
                    if (count > 14) Store256(ref target, 14 / positions * height * width + PositionOffset(14 % positions, columns, shift, Lanes, width), s14);
                    if (count > 15) Store256(ref target, 15 / positions * height * width + PositionOffset(15 % positions, columns, shift, Lanes, width), s15);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Bias256(ReadOnlySpan<float> bias, bool hasBias, int filter) => hasBias ? Vector256.Create(bias[filter]) : Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load256(ref float origin, int offset) => Vector256.LoadUnsafe(ref Unsafe.Add(ref origin, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store256(ref float origin, int offset, Vector256<float> value) =>
        (TConv.ReLU ? Vector256.Max(value, Vector256<float>.Zero) : value).StoreUnsafe(ref Unsafe.Add(ref origin, offset));
}
