using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// Which tiles a specialized kernel method runs: the full tiles of a dimension, or the one smaller tile of what is left
/// (filters past the last full tile, rows past the last full row tile, the columns after the last full block). A kernel
/// takes one of these per dimension as a type argument and reads the tile's size from its shape constants, so every
/// tile size is its own specialized method whose unused accumulators fold away whether or not anything is inlined.
/// </summary>
internal interface ITilePart
{
    static abstract bool IsRest { get; }
}

/// <summary>The full tiles of a dimension.</summary>
internal readonly struct FullTiles : ITilePart
{
    public static bool IsRest => false;
}

/// <summary>The one smaller tile at the end of a dimension.</summary>
internal readonly struct RestTiles : ITilePart
{
    public static bool IsRest => true;
}

/// <summary>
/// The register tiles of the convolution kernels keep up to 16 accumulators, numbered a = outer · inner + i: each kernel
/// step loads up to 4 (or 8) "inner" vectors once and combines each with every "outer" operand (a broadcast weight, a
/// broadcast input, a loaded gradient vector). With the counts constant, <c>a % inner</c> is a constant and these picks
/// fold to one register each.
/// </summary>
internal static class Pick
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Of(int index, Vector256<float> v0, Vector256<float> v1, Vector256<float> v2, Vector256<float> v3) =>
        index == 0 ? v0 : index == 1 ? v1 : index == 2 ? v2 : v3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Of(int index, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3) =>
        index == 0 ? v0 : index == 1 ? v1 : index == 2 ? v2 : v3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Of(int index, Vector256<float> v0, Vector256<float> v1, Vector256<float> v2, Vector256<float> v3,
        Vector256<float> v4, Vector256<float> v5, Vector256<float> v6, Vector256<float> v7) =>
        index < 4 ? Of(index, v0, v1, v2, v3) : Of(index - 4, v4, v5, v6, v7);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Of(int index, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3,
        Vector512<float> v4, Vector512<float> v5, Vector512<float> v6, Vector512<float> v7) =>
        index < 4 ? Of(index, v0, v1, v2, v3) : Of(index - 4, v4, v5, v6, v7);
}

/// <summary>The tiles of a part along one dimension of <c>total</c> items in tiles of <c>tile</c>.</summary>
internal static class TileRange
{
    /// <summary>The part's tile size and the range of its tiles' first items: the full tiles from 0, or the one rest tile at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (int Size, int Start, int End) Of<TPart>(int total, int tile) where TPart : struct, ITilePart =>
        TPart.IsRest ? (total % tile, total - total % tile, total) : (tile, 0, total - total % tile);

    /// <summary>
    /// The same for channels in vector lanes: vectors of <paramref name="lanes"/> channels per tile of the part (the
    /// <paramref name="total"/> channels come in whole vectors) and the range of its tiles' first channels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (int Vectors, int Start, int End) OfVectors<TPart>(int total, int lanes, int vectors) where TPart : struct, ITilePart
    {
        int tile = vectors * lanes, full = total - total % tile;
        return TPart.IsRest ? ((total - full) / lanes, full, total) : (vectors, 0, full);
    }
}
