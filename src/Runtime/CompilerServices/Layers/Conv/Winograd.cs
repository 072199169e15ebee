using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// A stride-1 3×3 convolution of <see cref="Inputs"/> planes of <see cref="InHeight"/> × <see cref="InWidth"/> placed
/// at (<see cref="Top"/>, <see cref="Left"/>) in a zero-bordered source of (Height + 2) × (Width + 2):
/// output[o, y, x] = bias[o] + Σ_{i, ky, kx} weights[o, i, ky, kx] · source[i, y + ky, x + kx]. The forward pass runs it
/// on the layer's input with the padding as border; the input gradient on dY bordered by 2 − padding, with the weights
/// rotated and their channel axes swapped.
/// </summary>
internal interface IWinogradConv
{
    static abstract int Inputs { get; }
    static abstract int Outputs { get; }
    static abstract int InHeight { get; }
    static abstract int InWidth { get; }

    /// <summary>Output rows and columns (even, and a multiple of 8).</summary>
    static abstract int Height { get; }
    static abstract int Width { get; }
    static abstract int Top { get; }
    static abstract int Left { get; }
    static abstract bool ReLU { get; }

    /// <summary>Samples and rows of tiles per block (whole samples, or rows of one sample), sized to keep V and M in L2.</summary>
    static abstract int BlockSamples { get; }
    static abstract int BlockRows { get; }

    /// <summary>Tiles per transform vector: 8, or 4 when a row has 4 tiles; and whether those take two tile rows per vector.</summary>
    static abstract int TransformLanes { get; }
    static abstract bool PairedRows { get; }

    /// <summary>The GEMMs' tile: filters × vectors of 8 tiles, and the same with vectors of 16 when <see cref="Wide"/>.</summary>
    static abstract int Filters { get; }
    static abstract int Vectors { get; }
    static abstract int WideFilters { get; }
    static abstract int WideVectors { get; }
    static abstract bool Wide { get; }
}

/// <summary>
/// <see cref="IWinogradConv"/> as Winograd's F(2×2, 3×3): each 2×2 output tile comes from its 4×4 input tile as
/// Y = Aᵀ [U ⊙ V] A with U = G g Gᵀ (the weights, transformed by <see cref="WinogradKernels.TransformWeights"/>) and
/// V = Bᵀ d B, summed over input channels: 16 products per tile and channel pair where the direct convolution takes 36.
/// Per block of tiles three passes run: the input transform writes V[p, i, t] from a copy of the source whose rows are
/// split into even and odd columns; 16 GEMMs M[p] = U[p] · V[p] in register tiles; the output transform turns the 16
/// M[p] of each tile into its 2×2 outputs with bias and a fused ReLU, interleaving the columns back into rows.
/// </summary>
internal static partial class Winograd<TConv> where TConv : struct, IWinogradConv
{
    private static int SourceHeight { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TConv.Height + 2; }

    private static int SourceWidth { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TConv.Width + 2; }

    private static int TileRows { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TConv.Height / 2; }

    private static int TileColumns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TConv.Width / 2; }

    private static int BlockTiles { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TConv.BlockSamples * TConv.BlockRows * TileColumns; }

    /// <summary>
    /// Convolves <paramref name="count"/> samples block by block; <paramref name="weights"/> are already transformed
    /// (U[p, o, i]), <paramref name="source"/> holds a block's deinterleaved samples (its borders stay zero).
    /// </summary>
    public static void Convolve(ReadOnlySpan<float> input, ref float weights, ReadOnlySpan<float> bias, Span<float> output, float[] source, ref float transformed, ref float products, int count)
    {
        CheckTransform();
        int inputLength = TConv.Inputs * TConv.InHeight * TConv.InWidth, sourceLength = TConv.Inputs * SourceHeight * SourceWidth;
        int outputLength = TConv.Outputs * TConv.Height * TConv.Width;
        for (int n = 0; n < count; n += TConv.BlockSamples)
        {
            int samples = Math.Min(TConv.BlockSamples, count - n);
            for (int s = 0; s < samples; s++)
            {
                WinogradKernels.CopyDeinterleaved(input.Slice((n + s) * inputLength, inputLength), source.AsSpan(s * sourceLength, sourceLength),
                    TConv.Inputs, TConv.InHeight, TConv.InWidth, SourceHeight, SourceWidth, TConv.Top, TConv.Left);
            }
            ref float target = ref Unsafe.Add(ref MemoryMarshal.GetReference(output), n * outputLength);
            for (int row = 0; row < TileRows; row += TConv.BlockRows)
            {
                if (TConv.PairedRows) InputTransformPaired(ref MemoryMarshal.GetArrayDataReference(source), row, samples, ref transformed);
                else if (TConv.TransformLanes == 8) InputTransform8(ref MemoryMarshal.GetArrayDataReference(source), row, samples, ref transformed);
                else InputTransform4(ref MemoryMarshal.GetArrayDataReference(source), row, samples, ref transformed);
                int tiles = samples * TConv.BlockRows * TileColumns;
                // 512-bit FMAs where the CPU runs them at full width (twice the 256-bit peak on Intel's AVX-512 cores).
                if (TConv.Wide && Vector512.IsHardwareAccelerated && tiles >= 16) Multiply512(ref weights, ref transformed, ref products, tiles);
                else Multiply256(ref weights, ref transformed, ref products, tiles);
                if (TConv.PairedRows) OutputTransformPaired(ref products, bias, ref target, row, samples);
                else if (TConv.TransformLanes == 8) OutputTransform8(ref products, bias, ref target, row, samples);
                else OutputTransform4(ref products, bias, ref target, row, samples);
            }
        }
    }

    /// <summary>
    /// The transforms cover a row's tiles in whole vectors, and only rows of exactly 4 tiles pair up (two tile rows per
    /// vector, their V and M columns adjacent) in blocks of an even number of tile rows; a block has at least one GEMM
    /// vector of 8 tiles even with one sample, so the overlapping last vector never starts before the block (constant:
    /// folds away).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckTransform()
    {
        bool lanes = TConv.TransformLanes == 8 ? TileColumns % 8 == 0 : TConv.TransformLanes == 4 && TileColumns % 4 == 0;
        if (!lanes || (TConv.PairedRows && (TileColumns != 4 || TConv.BlockRows % 2 != 0)) || TConv.BlockRows < 1 || TileRows % TConv.BlockRows != 0
            || TConv.BlockSamples < 1 || TConv.BlockRows * TileColumns < 8)
            throw new InvalidOperationException($"Winograd transforms of {TConv.TransformLanes} tiles{(TConv.PairedRows ? " on paired rows" : "")} in blocks of {TConv.BlockSamples} × {TConv.BlockRows} tile rows do not fit rows of {TileColumns} tiles.");
    }

    /// <summary>The plan's GEMM tiles must fit the 4 loaded vectors and 16 accumulators of the tile body (constant: folds away).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckTile(int filters, int vectors)
    {
        if (filters < 1 || vectors < 1 || vectors > 4 || filters * vectors > 16)
            throw new InvalidOperationException($"A Winograd GEMM tile of {filters} filters × {vectors} vectors is outside the kernel's register tiles.");
    }
}
