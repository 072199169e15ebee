using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>The 256-bit kernel of <see cref="ChannelLanesWeightGradient{TConv}"/>: vectors of 8 output channels.</summary>
internal static partial class ChannelLanesWeightGradient<TConv>
{
    private static void Accumulate256(ref float padded, ref float gradientByPosition, ref float weightGradientByChannel)
    {
        const int Lanes = 8;
        CheckTile(TConv.ChannelVectors, TConv.BlockRows);
        Tiles256<FullTiles>(ref padded, ref gradientByPosition, ref weightGradientByChannel);
        if (TConv.Outputs % (TConv.ChannelVectors * Lanes) != 0) Tiles256<RestTiles>(ref padded, ref gradientByPosition, ref weightGradientByChannel);
    }

    /// <summary>
    /// Every tile of one channel part: accumulator a = vector · kernel width + kx. With blocks of rows (fewer than the
    /// height), the block's dY stays in L1 while every input channel and kernel row passes over it, and the accumulators
    /// carry over from block to block through the result buffer; without, they start at zero and are added once.
    /// </summary>
    private static void Tiles256<TChannels>(ref float padded, ref float gradientByPosition, ref float weightGradientByChannel) where TChannels : struct, ITilePart
    {
        const int Lanes = 8;
        (int vectors, int firstChannel, int endChannel) = TileRange.OfVectors<TChannels>(TConv.Outputs, Lanes, TConv.ChannelVectors);
        int blockRows = TConv.BlockRows, kernelWidth = TConv.KernelWidth, count = vectors * kernelWidth;
        int outputs = TConv.Outputs, width = TConv.Width, sourceWidth = SourceWidth, planeLength = SourceHeight * SourceWidth;
        bool blocked = blockRows != TConv.Height;
        for (int f = firstChannel; f < endChannel; f += vectors * Lanes)
        {
            for (int y0 = 0; y0 < TConv.Height; y0 += blockRows)
            {
                ref float plane = ref Unsafe.Add(ref padded, y0 * sourceWidth);
                ref float target = ref Unsafe.Add(ref weightGradientByChannel, f);
                for (int i = 0; i < TConv.Inputs; i++, plane = ref Unsafe.Add(ref plane, planeLength))
                {
                    ref float sourceRow = ref plane;
                    for (int ky = 0; ky < TConv.KernelHeight; ky++, sourceRow = ref Unsafe.Add(ref sourceRow, sourceWidth), target = ref Unsafe.Add(ref target, kernelWidth * outputs))
                    {
                        Vector256<float> s0 = Start256(ref target, 0, kernelWidth, outputs, blocked);
                        Vector256<float> s1 = count > 1 ? Start256(ref target, 1, kernelWidth, outputs, blocked) : default, s2 = count > 2 ? Start256(ref target, 2, kernelWidth, outputs, blocked) : default, s3 = count > 3 ? Start256(ref target, 3, kernelWidth, outputs, blocked) : default;
                        Vector256<float> s4 = count > 4 ? Start256(ref target, 4, kernelWidth, outputs, blocked) : default, s5 = count > 5 ? Start256(ref target, 5, kernelWidth, outputs, blocked) : default, s6 = count > 6 ? Start256(ref target, 6, kernelWidth, outputs, blocked) : default;
                        Vector256<float> s7 = count > 7 ? Start256(ref target, 7, kernelWidth, outputs, blocked) : default, s8 = count > 8 ? Start256(ref target, 8, kernelWidth, outputs, blocked) : default, s9 = count > 9 ? Start256(ref target, 9, kernelWidth, outputs, blocked) : default;
                        Vector256<float> s10 = count > 10 ? Start256(ref target, 10, kernelWidth, outputs, blocked) : default, s11 = count > 11 ? Start256(ref target, 11, kernelWidth, outputs, blocked) : default, s12 = count > 12 ? Start256(ref target, 12, kernelWidth, outputs, blocked) : default;
                        Vector256<float> s13 = count > 13 ? Start256(ref target, 13, kernelWidth, outputs, blocked) : default, s14 = count > 14 ? Start256(ref target, 14, kernelWidth, outputs, blocked) : default, s15 = count > 15 ? Start256(ref target, 15, kernelWidth, outputs, blocked) : default;
                        ref float source = ref sourceRow;
                        ref float gradient = ref Unsafe.Add(ref gradientByPosition, y0 * width * outputs + f);
                        for (int y = 0; y < blockRows; y++, source = ref Unsafe.Add(ref source, sourceWidth))
                        {
                            ref float at = ref source;
                            for (int x = 0; x < width; x++, at = ref Unsafe.Add(ref at, 1), gradient = ref Unsafe.Add(ref gradient, outputs))
                            {
                                Vector256<float> x0 = Vector256.Create(at);
                                Vector256<float> x1 = kernelWidth > 1 ? Vector256.Create(Unsafe.Add(ref at, 1)) : default;
                                Vector256<float> x2 = kernelWidth > 2 ? Vector256.Create(Unsafe.Add(ref at, 2)) : default;
                                Vector256<float> x3 = kernelWidth > 3 ? Vector256.Create(Unsafe.Add(ref at, 3)) : default;
                                Vector256<float> x4 = kernelWidth > 4 ? Vector256.Create(Unsafe.Add(ref at, 4)) : default;
                                Vector256<float> x5 = kernelWidth > 5 ? Vector256.Create(Unsafe.Add(ref at, 5)) : default;
                                Vector256<float> x6 = kernelWidth > 6 ? Vector256.Create(Unsafe.Add(ref at, 6)) : default;
                                Vector256<float> x7 = kernelWidth > 7 ? Vector256.Create(Unsafe.Add(ref at, 7)) : default;
                                Vector256<float> d = default;
                                { if (0 % kernelWidth == 0) d = Vector256.LoadUnsafe(ref gradient, (nuint)(0 / kernelWidth * Lanes)); s0 = Vector256.FusedMultiplyAdd(d, Pick.Of(0 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s0); }
                                if (count > 1) { if (1 % kernelWidth == 0) d = Vector256.LoadUnsafe(ref gradient, (nuint)(1 / kernelWidth * Lanes)); s1 = Vector256.FusedMultiplyAdd(d, Pick.Of(1 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s1); }
                                if (count > 2) { if (2 % kernelWidth == 0) d = Vector256.LoadUnsafe(ref gradient, (nuint)(2 / kernelWidth * Lanes)); s2 = Vector256.FusedMultiplyAdd(d, Pick.Of(2 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s2); }
                                if (count > 3) { if (3 % kernelWidth == 0) d = Vector256.LoadUnsafe(ref gradient, (nuint)(3 / kernelWidth * Lanes)); s3 = Vector256.FusedMultiplyAdd(d, Pick.Of(3 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s3); }
                                if (count > 4) { if (4 % kernelWidth == 0) d = Vector256.LoadUnsafe(ref gradient, (nuint)(4 / kernelWidth * Lanes)); s4 = Vector256.FusedMultiplyAdd(d, Pick.Of(4 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s4); }
                                if (count > 5) { if (5 % kernelWidth == 0) d = Vector256.LoadUnsafe(ref gradient, (nuint)(5 / kernelWidth * Lanes)); s5 = Vector256.FusedMultiplyAdd(d, Pick.Of(5 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s5); }
                                if (count > 6) { if (6 % kernelWidth == 0) d = Vector256.LoadUnsafe(ref gradient, (nuint)(6 / kernelWidth * Lanes)); s6 = Vector256.FusedMultiplyAdd(d, Pick.Of(6 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s6); }
                                if (count > 7) { if (7 % kernelWidth == 0) d = Vector256.LoadUnsafe(ref gradient, (nuint)(7 / kernelWidth * Lanes)); s7 = Vector256.FusedMultiplyAdd(d, Pick.Of(7 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s7); }
                                if (count > 8) { if (8 % kernelWidth == 0) d = Vector256.LoadUnsafe(ref gradient, (nuint)(8 / kernelWidth * Lanes)); s8 = Vector256.FusedMultiplyAdd(d, Pick.Of(8 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s8); }
                                if (count > 9) { if (9 % kernelWidth == 0) d = Vector256.LoadUnsafe(ref gradient, (nuint)(9 / kernelWidth * Lanes)); s9 = Vector256.FusedMultiplyAdd(d, Pick.Of(9 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s9); }
                                if (count > 10) { if (10 % kernelWidth == 0) d = Vector256.LoadUnsafe(ref gradient, (nuint)(10 / kernelWidth * Lanes)); s10 = Vector256.FusedMultiplyAdd(d, Pick.Of(10 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s10); }
                                if (count > 11) { if (11 % kernelWidth == 0) d = Vector256.LoadUnsafe(ref gradient, (nuint)(11 / kernelWidth * Lanes)); s11 = Vector256.FusedMultiplyAdd(d, Pick.Of(11 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s11); }
                                if (count > 12) { if (12 % kernelWidth == 0) d = Vector256.LoadUnsafe(ref gradient, (nuint)(12 / kernelWidth * Lanes)); s12 = Vector256.FusedMultiplyAdd(d, Pick.Of(12 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s12); }
                                if (count > 13) { if (13 % kernelWidth == 0) d = Vector256.LoadUnsafe(ref gradient, (nuint)(13 / kernelWidth * Lanes)); s13 = Vector256.FusedMultiplyAdd(d, Pick.Of(13 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s13); }
                                if (count > 14) { if (14 % kernelWidth == 0) d = Vector256.LoadUnsafe(ref gradient, (nuint)(14 / kernelWidth * Lanes)); s14 = Vector256.FusedMultiplyAdd(d, Pick.Of(14 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s14); }
                                if (count > 15) { if (15 % kernelWidth == 0) d = Vector256.LoadUnsafe(ref gradient, (nuint)(15 / kernelWidth * Lanes)); s15 = Vector256.FusedMultiplyAdd(d, Pick.Of(15 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s15); }
                            }
                        }
                        Finish256(ref target, 0, kernelWidth, outputs, blocked, s0);
                        if (count > 1) Finish256(ref target, 1, kernelWidth, outputs, blocked, s1);
                        if (count > 2) Finish256(ref target, 2, kernelWidth, outputs, blocked, s2);
                        if (count > 3) Finish256(ref target, 3, kernelWidth, outputs, blocked, s3);
                        if (count > 4) Finish256(ref target, 4, kernelWidth, outputs, blocked, s4);
                        if (count > 5) Finish256(ref target, 5, kernelWidth, outputs, blocked, s5);
                        if (count > 6) Finish256(ref target, 6, kernelWidth, outputs, blocked, s6);
                        if (count > 7) Finish256(ref target, 7, kernelWidth, outputs, blocked, s7);
                        if (count > 8) Finish256(ref target, 8, kernelWidth, outputs, blocked, s8);
                        if (count > 9) Finish256(ref target, 9, kernelWidth, outputs, blocked, s9);
                        if (count > 10) Finish256(ref target, 10, kernelWidth, outputs, blocked, s10);
                        if (count > 11) Finish256(ref target, 11, kernelWidth, outputs, blocked, s11);
                        if (count > 12) Finish256(ref target, 12, kernelWidth, outputs, blocked, s12);
                        if (count > 13) Finish256(ref target, 13, kernelWidth, outputs, blocked, s13);
                        if (count > 14) Finish256(ref target, 14, kernelWidth, outputs, blocked, s14);
                        if (count > 15) Finish256(ref target, 15, kernelWidth, outputs, blocked, s15);
                    }
                }
            }
        }
    }

    /// <summary>Accumulator <paramref name="a"/>'s place in the result: kernel column a % width, channel vector a / width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float At256(ref float target, int a, int kernelWidth, int outputs) => ref Unsafe.Add(ref target, a % kernelWidth * outputs + a / kernelWidth * 8);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Start256(ref float target, int a, int kernelWidth, int outputs, bool blocked) =>
        blocked ? Vector256.LoadUnsafe(ref At256(ref target, a, kernelWidth, outputs)) : Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish256(ref float target, int a, int kernelWidth, int outputs, bool blocked, Vector256<float> sum)
    {
        ref float at = ref At256(ref target, a, kernelWidth, outputs);
        (blocked ? sum : Vector256.LoadUnsafe(ref at) + sum).StoreUnsafe(ref at);
    }
}
