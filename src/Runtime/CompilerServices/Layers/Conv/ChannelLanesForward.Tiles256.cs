using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>The 256-bit kernel of <see cref="ChannelLanesForward{TConv}"/>: vectors of 8 output channels.</summary>
internal static partial class ChannelLanesForward<TConv>
{
    private static void Convolve256(ref float padded, ref float weightsByChannel, ReadOnlySpan<float> bias, ref float outputByPosition)
    {
        const int Lanes = 8;
        CheckTile(TConv.ChannelVectors, TConv.Positions);
        bool restChannels = TConv.Outputs % (TConv.ChannelVectors * Lanes) != 0, restPositions = TConv.Width % TConv.Positions != 0;
        Tiles256<FullTiles, FullTiles>(ref padded, ref weightsByChannel, bias, ref outputByPosition);
        if (restPositions) Tiles256<FullTiles, RestTiles>(ref padded, ref weightsByChannel, bias, ref outputByPosition);
        if (restChannels) Tiles256<RestTiles, FullTiles>(ref padded, ref weightsByChannel, bias, ref outputByPosition);
        if (restChannels && restPositions) Tiles256<RestTiles, RestTiles>(ref padded, ref weightsByChannel, bias, ref outputByPosition);
    }

    /// <summary>Every tile of one channel part × position part, rows in order: accumulator a = position · vectors + vector.</summary>
    private static void Tiles256<TChannels, TPositions>(ref float padded, ref float weightsByChannel, ReadOnlySpan<float> bias, ref float outputByPosition)
        where TChannels : struct, ITilePart where TPositions : struct, ITilePart
    {
        const int Lanes = 8;
        (int vectors, int firstChannel, int endChannel) = TileRange.OfVectors<TChannels>(TConv.Outputs, Lanes, TConv.ChannelVectors);
        (int positions, int firstPosition, int endPosition) = TileRange.Of<TPositions>(TConv.Width, TConv.Positions);
        int count = positions * vectors, outputs = TConv.Outputs, sourceWidth = SourceWidth, planeLength = SourceHeight * SourceWidth, width = TConv.Width;
        bool hasBias = !bias.IsEmpty;
        for (int f = firstChannel; f < endChannel; f += vectors * Lanes)
        {
            Vector256<float> bias0 = hasBias ? Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(bias), (nuint)f) : Vector256<float>.Zero;
            Vector256<float> bias1 = vectors > 1 && hasBias ? Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(bias), (nuint)(f + Lanes)) : Vector256<float>.Zero;
            for (int y = 0; y < TConv.Height; y++)
            {
                for (int x = firstPosition; x < endPosition; x += positions)
                {
                    Vector256<float> s0 = bias0;
                    Vector256<float> s1 = count > 1 ? (1 % vectors == 0 ? bias0 : bias1) : default, s2 = count > 2 ? (2 % vectors == 0 ? bias0 : bias1) : default, s3 = count > 3 ? (3 % vectors == 0 ? bias0 : bias1) : default;
                    Vector256<float> s4 = count > 4 ? (4 % vectors == 0 ? bias0 : bias1) : default, s5 = count > 5 ? (5 % vectors == 0 ? bias0 : bias1) : default, s6 = count > 6 ? (6 % vectors == 0 ? bias0 : bias1) : default;
                    Vector256<float> s7 = count > 7 ? (7 % vectors == 0 ? bias0 : bias1) : default, s8 = count > 8 ? (8 % vectors == 0 ? bias0 : bias1) : default, s9 = count > 9 ? (9 % vectors == 0 ? bias0 : bias1) : default;
                    Vector256<float> s10 = count > 10 ? (10 % vectors == 0 ? bias0 : bias1) : default, s11 = count > 11 ? (11 % vectors == 0 ? bias0 : bias1) : default, s12 = count > 12 ? (12 % vectors == 0 ? bias0 : bias1) : default;
                    Vector256<float> s13 = count > 13 ? (13 % vectors == 0 ? bias0 : bias1) : default, s14 = count > 14 ? (14 % vectors == 0 ? bias0 : bias1) : default, s15 = count > 15 ? (15 % vectors == 0 ? bias0 : bias1) : default;
                    // One pointer steps along the source row per kernel tap, the other along the taps' channel vectors.
                    ref float plane = ref Unsafe.Add(ref padded, y * sourceWidth + x);
                    ref float taps = ref Unsafe.Add(ref weightsByChannel, f);
                    for (int i = 0; i < TConv.Inputs; i++, plane = ref Unsafe.Add(ref plane, planeLength))
                    {
                        ref float row = ref plane;
                        for (int ky = 0; ky < TConv.KernelHeight; ky++, row = ref Unsafe.Add(ref row, sourceWidth))
                        {
                            ref float at = ref row;
                            for (int kx = 0; kx < TConv.KernelWidth; kx++, at = ref Unsafe.Add(ref at, 1), taps = ref Unsafe.Add(ref taps, outputs))
                            {
                                Vector256<float> w0 = Vector256.LoadUnsafe(ref taps);
                                Vector256<float> w1 = vectors > 1 ? Vector256.LoadUnsafe(ref taps, Lanes) : default;
                                Vector256<float> b = default;
                                { if (0 % vectors == 0) b = Vector256.Create(Unsafe.Add(ref at, 0 / vectors)); s0 = Vector256.FusedMultiplyAdd(Pick.Of(0 % vectors, w0, w1, w1, w1), b, s0); }
                                if (count > 1) { if (1 % vectors == 0) b = Vector256.Create(Unsafe.Add(ref at, 1 / vectors)); s1 = Vector256.FusedMultiplyAdd(Pick.Of(1 % vectors, w0, w1, w1, w1), b, s1); }
                                if (count > 2) { if (2 % vectors == 0) b = Vector256.Create(Unsafe.Add(ref at, 2 / vectors)); s2 = Vector256.FusedMultiplyAdd(Pick.Of(2 % vectors, w0, w1, w1, w1), b, s2); }
                                if (count > 3) { if (3 % vectors == 0) b = Vector256.Create(Unsafe.Add(ref at, 3 / vectors)); s3 = Vector256.FusedMultiplyAdd(Pick.Of(3 % vectors, w0, w1, w1, w1), b, s3); }
                                if (count > 4) { if (4 % vectors == 0) b = Vector256.Create(Unsafe.Add(ref at, 4 / vectors)); s4 = Vector256.FusedMultiplyAdd(Pick.Of(4 % vectors, w0, w1, w1, w1), b, s4); }
                                if (count > 5) { if (5 % vectors == 0) b = Vector256.Create(Unsafe.Add(ref at, 5 / vectors)); s5 = Vector256.FusedMultiplyAdd(Pick.Of(5 % vectors, w0, w1, w1, w1), b, s5); }
                                if (count > 6) { if (6 % vectors == 0) b = Vector256.Create(Unsafe.Add(ref at, 6 / vectors)); s6 = Vector256.FusedMultiplyAdd(Pick.Of(6 % vectors, w0, w1, w1, w1), b, s6); }
                                if (count > 7) { if (7 % vectors == 0) b = Vector256.Create(Unsafe.Add(ref at, 7 / vectors)); s7 = Vector256.FusedMultiplyAdd(Pick.Of(7 % vectors, w0, w1, w1, w1), b, s7); }
                                if (count > 8) { if (8 % vectors == 0) b = Vector256.Create(Unsafe.Add(ref at, 8 / vectors)); s8 = Vector256.FusedMultiplyAdd(Pick.Of(8 % vectors, w0, w1, w1, w1), b, s8); }
                                if (count > 9) { if (9 % vectors == 0) b = Vector256.Create(Unsafe.Add(ref at, 9 / vectors)); s9 = Vector256.FusedMultiplyAdd(Pick.Of(9 % vectors, w0, w1, w1, w1), b, s9); }
                                if (count > 10) { if (10 % vectors == 0) b = Vector256.Create(Unsafe.Add(ref at, 10 / vectors)); s10 = Vector256.FusedMultiplyAdd(Pick.Of(10 % vectors, w0, w1, w1, w1), b, s10); }
                                if (count > 11) { if (11 % vectors == 0) b = Vector256.Create(Unsafe.Add(ref at, 11 / vectors)); s11 = Vector256.FusedMultiplyAdd(Pick.Of(11 % vectors, w0, w1, w1, w1), b, s11); }
                                if (count > 12) { if (12 % vectors == 0) b = Vector256.Create(Unsafe.Add(ref at, 12 / vectors)); s12 = Vector256.FusedMultiplyAdd(Pick.Of(12 % vectors, w0, w1, w1, w1), b, s12); }
                                if (count > 13) { if (13 % vectors == 0) b = Vector256.Create(Unsafe.Add(ref at, 13 / vectors)); s13 = Vector256.FusedMultiplyAdd(Pick.Of(13 % vectors, w0, w1, w1, w1), b, s13); }
                                if (count > 14) { if (14 % vectors == 0) b = Vector256.Create(Unsafe.Add(ref at, 14 / vectors)); s14 = Vector256.FusedMultiplyAdd(Pick.Of(14 % vectors, w0, w1, w1, w1), b, s14); }
                                if (count > 15) { if (15 % vectors == 0) b = Vector256.Create(Unsafe.Add(ref at, 15 / vectors)); s15 = Vector256.FusedMultiplyAdd(Pick.Of(15 % vectors, w0, w1, w1, w1), b, s15); }
                            }
                        }
                    }
                    ref float target = ref Unsafe.Add(ref outputByPosition, (y * width + x) * outputs + f);
                    Store256(ref target, 0 / vectors * outputs + 0 % vectors * Lanes, s0);
                    if (count > 1) Store256(ref target, 1 / vectors * outputs + 1 % vectors * Lanes, s1);
                    if (count > 2) Store256(ref target, 2 / vectors * outputs + 2 % vectors * Lanes, s2);
                    if (count > 3) Store256(ref target, 3 / vectors * outputs + 3 % vectors * Lanes, s3);
                    if (count > 4) Store256(ref target, 4 / vectors * outputs + 4 % vectors * Lanes, s4);
                    if (count > 5) Store256(ref target, 5 / vectors * outputs + 5 % vectors * Lanes, s5);
                    if (count > 6) Store256(ref target, 6 / vectors * outputs + 6 % vectors * Lanes, s6);
                    if (count > 7) Store256(ref target, 7 / vectors * outputs + 7 % vectors * Lanes, s7);
                    if (count > 8) Store256(ref target, 8 / vectors * outputs + 8 % vectors * Lanes, s8);
                    if (count > 9) Store256(ref target, 9 / vectors * outputs + 9 % vectors * Lanes, s9);
                    if (count > 10) Store256(ref target, 10 / vectors * outputs + 10 % vectors * Lanes, s10);
                    if (count > 11) Store256(ref target, 11 / vectors * outputs + 11 % vectors * Lanes, s11);
                    if (count > 12) Store256(ref target, 12 / vectors * outputs + 12 % vectors * Lanes, s12);
                    if (count > 13) Store256(ref target, 13 / vectors * outputs + 13 % vectors * Lanes, s13);
                    if (count > 14) Store256(ref target, 14 / vectors * outputs + 14 % vectors * Lanes, s14);
                    if (count > 15) Store256(ref target, 15 / vectors * outputs + 15 % vectors * Lanes, s15);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store256(ref float origin, int offset, Vector256<float> value) =>
        (TConv.ReLU ? Vector256.Max(value, Vector256<float>.Zero) : value).StoreUnsafe(ref Unsafe.Add(ref origin, offset));
}
