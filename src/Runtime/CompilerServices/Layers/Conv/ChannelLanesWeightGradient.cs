using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// A stride-1 2D convolution's weight gradient with output channels in the vector lanes, for small planes where a tile
/// over columns would reduce too few products per horizontal sum: dWt[i, ky, kx, o] += Σ_{y, x} dYt[y, x, o] ·
/// padded[i, y + ky, x + kx], from dY transposed to positions × channels, into a buffer laid out (i, ky, kx) × channels.
/// </summary>
internal interface IChannelLanesWeightGradient
{
    static abstract int Inputs { get; }
    static abstract int Outputs { get; }

    /// <summary>Output rows and columns.</summary>
    static abstract int Height { get; }
    static abstract int Width { get; }
    static abstract int KernelHeight { get; }
    static abstract int KernelWidth { get; }

    /// <summary>Vectors of 8 channels per tile (× kernel columns ≤ 16 accumulators) and output rows per block, and the same with vectors of 16.</summary>
    static abstract int ChannelVectors { get; }
    static abstract int BlockRows { get; }
    static abstract int WideChannelVectors { get; }
    static abstract int WideBlockRows { get; }
    static abstract bool Wide { get; }
}

/// <summary>
/// <see cref="IChannelLanesWeightGradient"/> in tiles of channel vectors × kernel columns: per position a tile loads
/// each channel vector of dY once and broadcasts each of the kernel row's inputs once, so no tile ever reduces across
/// lanes. The caller adds the buffer into dW once per batch.
/// </summary>
internal static partial class ChannelLanesWeightGradient<TConv> where TConv : struct, IChannelLanesWeightGradient
{
    private static int SourceHeight { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TConv.Height + TConv.KernelHeight - 1; }

    private static int SourceWidth { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TConv.Width + TConv.KernelWidth - 1; }

    public static void Accumulate(ref float padded, ref float gradientByPosition, ref float weightGradientByChannel)
    {
        if (TConv.Wide && Vector512.IsHardwareAccelerated) Accumulate512(ref padded, ref gradientByPosition, ref weightGradientByChannel);
        else Accumulate256(ref padded, ref gradientByPosition, ref weightGradientByChannel);
    }

    /// <summary>The plan's tiles must fit the 8 broadcast inputs and 16 accumulators of the tile body, in whole row blocks (constant: folds away).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckTile(int vectors, int blockRows)
    {
        if (vectors < 1 || TConv.KernelWidth > 8 || vectors * TConv.KernelWidth > 16 || blockRows < 1 || TConv.Height % blockRows != 0)
            throw new InvalidOperationException($"A channels-in-lanes weight-gradient tile of {vectors} channel vectors × {TConv.KernelWidth} kernel columns in blocks of {blockRows} rows is outside the kernel's register tiles.");
    }
}
