using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// A stride-1 2D convolution's weight gradient read from the forward pass's zero-bordered copy:
/// dW[o, i, ky, kx] += Σ_{y, x} dY[o, y, x] · padded[i, y + ky, x + kx].
/// </summary>
internal interface IDirectWeightGradient
{
    static abstract int Inputs { get; }
    static abstract int Outputs { get; }

    /// <summary>Output rows and columns.</summary>
    static abstract int Height { get; }
    static abstract int Width { get; }
    static abstract int KernelHeight { get; }
    static abstract int KernelWidth { get; }

    /// <summary>Filters per tile, each with one accumulator per kernel column (filters × kernel width ≤ 16).</summary>
    static abstract int Filters { get; }

    /// <summary>Whether the 512-bit kernel (vectors of 16 columns) runs where Vector512 is accelerated.</summary>
    static abstract bool Wide { get; }
}

/// <summary>
/// <see cref="IDirectWeightGradient"/> in tiles of filters × kernel columns that accumulate vectors of output columns,
/// then reduce each once per (input channel, kernel row). Per step a tile loads each filter's dY vector and each shifted
/// input vector once. A row whose width is not a multiple of the lanes ends with a vector at Width − lanes, masked to
/// the columns the vector before it did not cover, so nothing counts twice.
/// </summary>
internal static partial class DirectWeightGradient<TConv> where TConv : struct, IDirectWeightGradient
{
    private static int SourceHeight { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TConv.Height + TConv.KernelHeight - 1; }

    private static int SourceWidth { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TConv.Width + TConv.KernelWidth - 1; }

    private static int FilterLength { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TConv.Inputs * TConv.KernelHeight * TConv.KernelWidth; }

    public static void Accumulate(ref float padded, ref float outputGradient, ref float weightGradient)
    {
        if (TConv.Wide && Vector512.IsHardwareAccelerated) Accumulate512(ref padded, ref outputGradient, ref weightGradient);
        else Accumulate256(ref padded, ref outputGradient, ref weightGradient);
    }


    /// <summary>The plan's tiles must fit the 8 loaded input vectors and 16 accumulators of the tile body (constant: folds away).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckTile()
    {
        if (TConv.Filters < 1 || TConv.KernelWidth > 8 || TConv.Filters * TConv.KernelWidth > 16)
            throw new InvalidOperationException($"A direct weight-gradient tile of {TConv.Filters} filters × {TConv.KernelWidth} kernel columns is outside the kernel's register tiles.");
    }
}
