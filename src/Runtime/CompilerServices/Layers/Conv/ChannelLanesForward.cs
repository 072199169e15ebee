using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// A stride-1 2D convolution computed with output channels in the vector lanes, for rows too narrow to fill vectors of
/// columns (LeNet-5's conv2: 10 columns, 16 channels): out[y, x, o] = bias[o] + Σ wt[i, ky, kx, o] · padded[i, y + ky, x + kx]
/// into a positions × channels buffer that the caller transposes back, from weights transposed to (i, ky, kx) × channels.
/// </summary>
internal interface IChannelLanesConv
{
    static abstract int Inputs { get; }
    static abstract int Outputs { get; }

    /// <summary>Output rows and columns.</summary>
    static abstract int Height { get; }
    static abstract int Width { get; }
    static abstract int KernelHeight { get; }
    static abstract int KernelWidth { get; }
    static abstract bool ReLU { get; }

    /// <summary>Vectors of 8 channels (1 or 2) × positions along a row per tile, and the same with vectors of 16.</summary>
    static abstract int ChannelVectors { get; }
    static abstract int Positions { get; }
    static abstract int WideChannelVectors { get; }
    static abstract int WidePositions { get; }
    static abstract bool Wide { get; }
}

/// <summary>
/// <see cref="IChannelLanesConv"/> in tiles of channel vectors × positions along a row: per kernel tap each channel
/// vector of weights is loaded once and each input broadcast once. Each output is bias, then one chain of fused
/// multiply-adds over (i, ky, kx) in order; a fused ReLU clamps as the tile is stored.
/// </summary>
internal static partial class ChannelLanesForward<TConv> where TConv : struct, IChannelLanesConv
{
    private static int SourceHeight { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TConv.Height + TConv.KernelHeight - 1; }

    private static int SourceWidth { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TConv.Width + TConv.KernelWidth - 1; }

    public static void Convolve(ref float padded, ref float weightsByChannel, ReadOnlySpan<float> bias, ref float outputByPosition)
    {
        if (TConv.Wide && Vector512.IsHardwareAccelerated) Convolve512(ref padded, ref weightsByChannel, bias, ref outputByPosition);
        else Convolve256(ref padded, ref weightsByChannel, bias, ref outputByPosition);
    }


    /// <summary>The plan's tiles must fit the 2 loaded weight vectors and 16 accumulators of the tile body (constant: folds away).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckTile(int vectors, int positions)
    {
        if (vectors < 1 || vectors > 2 || positions < 1 || vectors * positions > 16)
            throw new InvalidOperationException($"A channels-in-lanes tile of {vectors} channel vectors × {positions} positions is outside the kernel's register tiles.");
    }
}
