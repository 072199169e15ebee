using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>The 512-bit kernel of <see cref="DirectWeightGradient{TConv}"/>: vectors of 16 output columns.</summary>
internal static partial class DirectWeightGradient<TConv>
{
    private static void Accumulate512(ref float padded, ref float outputGradient, ref float weightGradient)
    {
        CheckTile();
        Tiles512<FullTiles>(ref padded, ref outputGradient, ref weightGradient);
        if (TConv.Outputs % TConv.Filters != 0) Tiles512<RestTiles>(ref padded, ref outputGradient, ref weightGradient);
    }

    /// <summary>Every tile of one filter part: accumulator a = filter · kernel width + kx, each a vector of partial sums along the output columns.</summary>
    private static void Tiles512<TFilters>(ref float padded, ref float outputGradient, ref float weightGradient) where TFilters : struct, ITilePart
    {
        const int Lanes = 16;
        (int filters, int firstFilter, int endFilter) = TileRange.Of<TFilters>(TConv.Outputs, TConv.Filters);
        int kernelWidth = TConv.KernelWidth, count = filters * kernelWidth, width = TConv.Width, planeLength = TConv.Height * TConv.Width;
        int sourceWidth = SourceWidth, sourcePlane = SourceHeight * SourceWidth, filterLength = FilterLength;
        int wholeVectors = width / Lanes * Lanes, tail = width % Lanes;
        // The last vector starts at Width − 16 and repeats columns of the one before it: those lanes are zeroed.
        Vector512<float> tailMask = TailMask512(tail);
        for (int f = firstFilter; f < endFilter; f += filters)
        {
            ref float plane = ref padded;
            ref float taps = ref Unsafe.Add(ref weightGradient, f * filterLength);
            for (int i = 0; i < TConv.Inputs; i++, plane = ref Unsafe.Add(ref plane, sourcePlane))
            {
                ref float sourceRow = ref plane;
                for (int ky = 0; ky < TConv.KernelHeight; ky++, sourceRow = ref Unsafe.Add(ref sourceRow, sourceWidth), taps = ref Unsafe.Add(ref taps, kernelWidth))
                {
                    Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
                    Vector512<float> s8 = default, s9 = default, s10 = default, s11 = default, s12 = default, s13 = default, s14 = default, s15 = default;
                    ref float source = ref sourceRow;
                    ref float gradient = ref Unsafe.Add(ref outputGradient, f * planeLength);
                    for (int y = 0; y < TConv.Height; y++, source = ref Unsafe.Add(ref source, sourceWidth), gradient = ref Unsafe.Add(ref gradient, width))
                    {
                        for (int x = 0; x < wholeVectors; x += Lanes)
                        {
                            ref float at = ref Unsafe.Add(ref source, x);
                            ref float dy = ref Unsafe.Add(ref gradient, x);
                            Vector512<float> x0 = Vector512.LoadUnsafe(ref at);
                            Vector512<float> x1 = kernelWidth > 1 ? Vector512.LoadUnsafe(ref at, 1) : default;
                            Vector512<float> x2 = kernelWidth > 2 ? Vector512.LoadUnsafe(ref at, 2) : default;
                            Vector512<float> x3 = kernelWidth > 3 ? Vector512.LoadUnsafe(ref at, 3) : default;
                            Vector512<float> x4 = kernelWidth > 4 ? Vector512.LoadUnsafe(ref at, 4) : default;
                            Vector512<float> x5 = kernelWidth > 5 ? Vector512.LoadUnsafe(ref at, 5) : default;
                            Vector512<float> x6 = kernelWidth > 6 ? Vector512.LoadUnsafe(ref at, 6) : default;
                            Vector512<float> x7 = kernelWidth > 7 ? Vector512.LoadUnsafe(ref at, 7) : default;
                            Vector512<float> d = default;
                            { if (0 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(0 / kernelWidth * planeLength)); s0 = Vector512.FusedMultiplyAdd(d, Pick.Of(0 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s0); }
                            if (count > 1) { if (1 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(1 / kernelWidth * planeLength)); s1 = Vector512.FusedMultiplyAdd(d, Pick.Of(1 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s1); }
                            if (count > 2) { if (2 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(2 / kernelWidth * planeLength)); s2 = Vector512.FusedMultiplyAdd(d, Pick.Of(2 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s2); }
                            if (count > 3) { if (3 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(3 / kernelWidth * planeLength)); s3 = Vector512.FusedMultiplyAdd(d, Pick.Of(3 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s3); }
                            if (count > 4) { if (4 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(4 / kernelWidth * planeLength)); s4 = Vector512.FusedMultiplyAdd(d, Pick.Of(4 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s4); }
                            if (count > 5) { if (5 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(5 / kernelWidth * planeLength)); s5 = Vector512.FusedMultiplyAdd(d, Pick.Of(5 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s5); }
                            if (count > 6) { if (6 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(6 / kernelWidth * planeLength)); s6 = Vector512.FusedMultiplyAdd(d, Pick.Of(6 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s6); }
                            if (count > 7) { if (7 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(7 / kernelWidth * planeLength)); s7 = Vector512.FusedMultiplyAdd(d, Pick.Of(7 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s7); }
                            if (count > 8) { if (8 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(8 / kernelWidth * planeLength)); s8 = Vector512.FusedMultiplyAdd(d, Pick.Of(8 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s8); }
                            if (count > 9) { if (9 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(9 / kernelWidth * planeLength)); s9 = Vector512.FusedMultiplyAdd(d, Pick.Of(9 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s9); }
                            if (count > 10) { if (10 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(10 / kernelWidth * planeLength)); s10 = Vector512.FusedMultiplyAdd(d, Pick.Of(10 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s10); }
                            if (count > 11) { if (11 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(11 / kernelWidth * planeLength)); s11 = Vector512.FusedMultiplyAdd(d, Pick.Of(11 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s11); }
                            if (count > 12) { if (12 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(12 / kernelWidth * planeLength)); s12 = Vector512.FusedMultiplyAdd(d, Pick.Of(12 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s12); }
                            if (count > 13) { if (13 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(13 / kernelWidth * planeLength)); s13 = Vector512.FusedMultiplyAdd(d, Pick.Of(13 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s13); }
                            if (count > 14) { if (14 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(14 / kernelWidth * planeLength)); s14 = Vector512.FusedMultiplyAdd(d, Pick.Of(14 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s14); }
                            if (count > 15) { if (15 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(15 / kernelWidth * planeLength)); s15 = Vector512.FusedMultiplyAdd(d, Pick.Of(15 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s15); }
                        }
                        if (tail != 0)
                        {
                            ref float at = ref Unsafe.Add(ref source, width - Lanes);
                            ref float dy = ref Unsafe.Add(ref gradient, width - Lanes);
                            Vector512<float> x0 = Vector512.LoadUnsafe(ref at);
                            Vector512<float> x1 = kernelWidth > 1 ? Vector512.LoadUnsafe(ref at, 1) : default;
                            Vector512<float> x2 = kernelWidth > 2 ? Vector512.LoadUnsafe(ref at, 2) : default;
                            Vector512<float> x3 = kernelWidth > 3 ? Vector512.LoadUnsafe(ref at, 3) : default;
                            Vector512<float> x4 = kernelWidth > 4 ? Vector512.LoadUnsafe(ref at, 4) : default;
                            Vector512<float> x5 = kernelWidth > 5 ? Vector512.LoadUnsafe(ref at, 5) : default;
                            Vector512<float> x6 = kernelWidth > 6 ? Vector512.LoadUnsafe(ref at, 6) : default;
                            Vector512<float> x7 = kernelWidth > 7 ? Vector512.LoadUnsafe(ref at, 7) : default;
                            Vector512<float> d = default;
                            { if (0 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(0 / kernelWidth * planeLength)) & tailMask; s0 = Vector512.FusedMultiplyAdd(d, Pick.Of(0 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s0); }
                            if (count > 1) { if (1 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(1 / kernelWidth * planeLength)) & tailMask; s1 = Vector512.FusedMultiplyAdd(d, Pick.Of(1 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s1); }
                            if (count > 2) { if (2 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(2 / kernelWidth * planeLength)) & tailMask; s2 = Vector512.FusedMultiplyAdd(d, Pick.Of(2 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s2); }
                            if (count > 3) { if (3 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(3 / kernelWidth * planeLength)) & tailMask; s3 = Vector512.FusedMultiplyAdd(d, Pick.Of(3 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s3); }
                            if (count > 4) { if (4 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(4 / kernelWidth * planeLength)) & tailMask; s4 = Vector512.FusedMultiplyAdd(d, Pick.Of(4 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s4); }
                            if (count > 5) { if (5 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(5 / kernelWidth * planeLength)) & tailMask; s5 = Vector512.FusedMultiplyAdd(d, Pick.Of(5 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s5); }
                            if (count > 6) { if (6 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(6 / kernelWidth * planeLength)) & tailMask; s6 = Vector512.FusedMultiplyAdd(d, Pick.Of(6 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s6); }
                            if (count > 7) { if (7 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(7 / kernelWidth * planeLength)) & tailMask; s7 = Vector512.FusedMultiplyAdd(d, Pick.Of(7 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s7); }
                            if (count > 8) { if (8 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(8 / kernelWidth * planeLength)) & tailMask; s8 = Vector512.FusedMultiplyAdd(d, Pick.Of(8 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s8); }
                            if (count > 9) { if (9 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(9 / kernelWidth * planeLength)) & tailMask; s9 = Vector512.FusedMultiplyAdd(d, Pick.Of(9 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s9); }
                            if (count > 10) { if (10 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(10 / kernelWidth * planeLength)) & tailMask; s10 = Vector512.FusedMultiplyAdd(d, Pick.Of(10 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s10); }
                            if (count > 11) { if (11 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(11 / kernelWidth * planeLength)) & tailMask; s11 = Vector512.FusedMultiplyAdd(d, Pick.Of(11 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s11); }
                            if (count > 12) { if (12 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(12 / kernelWidth * planeLength)) & tailMask; s12 = Vector512.FusedMultiplyAdd(d, Pick.Of(12 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s12); }
                            if (count > 13) { if (13 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(13 / kernelWidth * planeLength)) & tailMask; s13 = Vector512.FusedMultiplyAdd(d, Pick.Of(13 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s13); }
                            if (count > 14) { if (14 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(14 / kernelWidth * planeLength)) & tailMask; s14 = Vector512.FusedMultiplyAdd(d, Pick.Of(14 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s14); }
                            if (count > 15) { if (15 % kernelWidth == 0) d = Vector512.LoadUnsafe(ref dy, (nuint)(15 / kernelWidth * planeLength)) & tailMask; s15 = Vector512.FusedMultiplyAdd(d, Pick.Of(15 % kernelWidth, x0, x1, x2, x3, x4, x5, x6, x7), s15); }
                        }
                    }
                    Unsafe.Add(ref taps, 0 / kernelWidth * filterLength + 0 % kernelWidth) += Vector512.Sum(s0);
                    if (count > 1) Unsafe.Add(ref taps, 1 / kernelWidth * filterLength + 1 % kernelWidth) += Vector512.Sum(s1);
                    if (count > 2) Unsafe.Add(ref taps, 2 / kernelWidth * filterLength + 2 % kernelWidth) += Vector512.Sum(s2);
                    if (count > 3) Unsafe.Add(ref taps, 3 / kernelWidth * filterLength + 3 % kernelWidth) += Vector512.Sum(s3);
                    if (count > 4) Unsafe.Add(ref taps, 4 / kernelWidth * filterLength + 4 % kernelWidth) += Vector512.Sum(s4);
                    if (count > 5) Unsafe.Add(ref taps, 5 / kernelWidth * filterLength + 5 % kernelWidth) += Vector512.Sum(s5);
                    if (count > 6) Unsafe.Add(ref taps, 6 / kernelWidth * filterLength + 6 % kernelWidth) += Vector512.Sum(s6);
                    if (count > 7) Unsafe.Add(ref taps, 7 / kernelWidth * filterLength + 7 % kernelWidth) += Vector512.Sum(s7);
                    if (count > 8) Unsafe.Add(ref taps, 8 / kernelWidth * filterLength + 8 % kernelWidth) += Vector512.Sum(s8);
                    if (count > 9) Unsafe.Add(ref taps, 9 / kernelWidth * filterLength + 9 % kernelWidth) += Vector512.Sum(s9);
                    if (count > 10) Unsafe.Add(ref taps, 10 / kernelWidth * filterLength + 10 % kernelWidth) += Vector512.Sum(s10);
                    if (count > 11) Unsafe.Add(ref taps, 11 / kernelWidth * filterLength + 11 % kernelWidth) += Vector512.Sum(s11);
                    if (count > 12) Unsafe.Add(ref taps, 12 / kernelWidth * filterLength + 12 % kernelWidth) += Vector512.Sum(s12);
                    if (count > 13) Unsafe.Add(ref taps, 13 / kernelWidth * filterLength + 13 % kernelWidth) += Vector512.Sum(s13);
                    if (count > 14) Unsafe.Add(ref taps, 14 / kernelWidth * filterLength + 14 % kernelWidth) += Vector512.Sum(s14);
                    if (count > 15) Unsafe.Add(ref taps, 15 / kernelWidth * filterLength + 15 % kernelWidth) += Vector512.Sum(s15);
                }
            }
        }
    }

    /// <summary>Lanes 0 … 16 − <paramref name="tail"/> − 1 zero, the rest all ones: the columns of the overlapping last vector not yet counted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TailMask512(int tail) =>
        Vector512.GreaterThanOrEqual(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(16 - tail)).AsSingle();
}
