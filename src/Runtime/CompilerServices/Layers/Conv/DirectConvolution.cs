using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// A stride-1 2D convolution read straight from a zero-bordered source: output[o, y, x] = bias[o] +
/// Σ_{i, ky, kx} weights[o, i, ky, kx] · source[i, y + ky, x + kx], each source row Width + KernelWidth − 1 wide and
/// Height + KernelHeight − 1 of them. The forward pass runs it on the layer's input with its weights; the input gradient
/// on dY bordered by kernel − 1 − padding with the weights rotated and their channel axes swapped.
/// </summary>
internal interface IDirectConv
{
    static abstract int Inputs { get; }
    static abstract int Outputs { get; }

    /// <summary>Output rows and columns.</summary>
    static abstract int Height { get; }
    static abstract int Width { get; }
    static abstract int KernelHeight { get; }
    static abstract int KernelWidth { get; }

    /// <summary>Whether to clamp at zero as the tile is stored (a fused ReLU).</summary>
    static abstract bool ReLU { get; }

    /// <summary>The register tile with 256-bit vectors: filters × rows × vectors of 8 columns (rows × vectors ≤ 4, filters × rows × vectors ≤ 16).</summary>
    static abstract int Filters { get; }
    static abstract int Rows { get; }
    static abstract int Vectors { get; }

    /// <summary>The same with 512-bit vectors of 16 columns, used when <see cref="Wide"/> and Vector512 is accelerated.</summary>
    static abstract int WideFilters { get; }
    static abstract int WideRows { get; }
    static abstract int WideVectors { get; }
    static abstract bool Wide { get; }
}

/// <summary>
/// <see cref="IDirectConv"/> in register tiles of filters × rows × column vectors: per kernel tap each input vector is
/// loaded once and multiplied into every filter of the tile, each weight broadcast once and multiplied into every
/// vector, so loads stay well under the FMAs. A row is cut into blocks of up to 4 vectors; when the width is not a
/// multiple of the lanes, the row's last vector starts at Width − lanes and overlaps the one before it (the same values
/// are computed and stored twice), so there is no scalar tail. Each output is bias, then one chain of fused
/// multiply-adds over (i, ky, kx) in order, whatever the tile.
/// </summary>
internal static partial class DirectConvolution<TConv> where TConv : struct, IDirectConv
{
    private static int SourceHeight { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TConv.Height + TConv.KernelHeight - 1; }

    private static int SourceWidth { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TConv.Width + TConv.KernelWidth - 1; }

    private static int FilterLength { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TConv.Inputs * TConv.KernelHeight * TConv.KernelWidth; }

    /// <summary>Convolves one sample: <paramref name="padded"/> is its bordered source, an empty <paramref name="bias"/> means none.</summary>
    public static void Convolve(ref float padded, ref float weights, ReadOnlySpan<float> bias, ref float output)
    {
        if (TConv.Wide && Vector512.IsHardwareAccelerated) Convolve512(ref padded, ref weights, bias, ref output);
        else Convolve256(ref padded, ref weights, bias, ref output);
    }

    /// <summary>Vectors at multiples of <paramref name="lanes"/> in a row, plus the overlapping last one when the width is not a multiple.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowVectors(int lanes) => TConv.Width / lanes + (TConv.Width % lanes == 0 ? 0 : 1);

    /// <summary>Whether one tile of <paramref name="vectors"/> covers the whole row (its last vector the overlapping one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SingleBlock(int lanes, int vectors) => RowVectors(lanes) <= vectors;

    /// <summary>Full blocks of <paramref name="vectors"/> vectors at multiples of the lanes; the overlapping vector is never in one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FullBlocks(int lanes, int vectors) => SingleBlock(lanes, vectors) ? 1 : TConv.Width / lanes / vectors;

    /// <summary>Whether a smaller block of the row's last vectors follows the full blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasRestColumns(int lanes, int vectors) => !SingleBlock(lanes, vectors) && RowVectors(lanes) > FullBlocks(lanes, vectors) * vectors;

    /// <summary>The vectors per tile of a column part.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ColumnVectors<TColumns>(int lanes, int vectors) where TColumns : struct, ITilePart =>
        SingleBlock(lanes, vectors) ? RowVectors(lanes)
        : TColumns.IsRest ? RowVectors(lanes) - FullBlocks(lanes, vectors) * vectors
        : vectors;

    /// <summary>How far the last vector of a tile of the part starts before lanes · (its index): by the overlap in the tile that ends the row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ColumnShift<TColumns>(int lanes, int vectors) where TColumns : struct, ITilePart =>
        (SingleBlock(lanes, vectors) || TColumns.IsRest) && TConv.Width % lanes != 0 ? lanes - TConv.Width % lanes : 0;

    /// <summary>The first column of the part's first tile, the end of its tiles' starts, and the step between them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int Start, int End, int Step) ColumnRange<TColumns>(int lanes, int vectors) where TColumns : struct, ITilePart
    {
        if (SingleBlock(lanes, vectors)) return (0, 1, 1);
        int full = FullBlocks(lanes, vectors) * vectors * lanes;
        return TColumns.IsRest ? (full, full + 1, 1) : (0, full, vectors * lanes);
    }

    /// <summary>The offset of tile position <paramref name="p"/> (row p / columns, vector p % columns) in a layout of <paramref name="rowLength"/>-long rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PositionOffset(int p, int columns, int shift, int lanes, int rowLength)
    {
        int v = p % columns;
        return p / columns * rowLength + v * lanes - (v == columns - 1 ? shift : 0);
    }


    /// <summary>The plan's tiles must fit the 16 accumulators and 4 loaded vectors the tile bodies have (constant: folds away).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckTile(int filters, int rows, int vectors)
    {
        if (filters < 1 || rows < 1 || vectors < 1 || rows * vectors > 4 || filters * rows * vectors > 16)
            throw new InvalidOperationException($"A direct convolution tile of {filters} filters × {rows} rows × {vectors} vectors is outside the kernel's register tiles.");
    }
}
