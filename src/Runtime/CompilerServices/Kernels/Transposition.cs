using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// Matrix transposition for the generated layers that put channels in vector lanes (weights filters × taps to
/// taps × filters, an output positions × channels back to channels × positions): 8×8 blocks transposed in registers,
/// the last block of a row or column overlapping the one before it (a pure copy, so writing a value twice is harmless),
/// scalar where a side is shorter than 8 or AVX is missing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Transposition
{
    private const int Block = 8;

    /// <summary>destination[c, r] = source[r, c] for a <paramref name="rows"/> × <paramref name="columns"/> row-major source.</summary>
    public static void Transpose(ref float source, int rows, int columns, ref float destination)
    {
        if (!Avx.IsSupported || rows < Block || columns < Block)
        {
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++) Unsafe.Add(ref destination, c * rows + r) = Unsafe.Add(ref source, r * columns + c);
            }
            return;
        }
        for (int r0 = 0; r0 < rows; r0 += Block)
        {
            int r = r0 + Block <= rows ? r0 : rows - Block;
            for (int c0 = 0; c0 < columns; c0 += Block)
            {
                int c = c0 + Block <= columns ? c0 : columns - Block;
                Block8(ref Unsafe.Add(ref source, r * columns + c), columns, ref Unsafe.Add(ref destination, c * rows + r), rows);
            }
        }
    }

    /// <summary>One 8×8 block: 8 rows of <paramref name="source"/> (<paramref name="sourceStride"/> apart) become 8 columns of <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block8(ref float source, int sourceStride, ref float destination, int destinationStride)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref source);
        Vector256<float> r1 = Vector256.LoadUnsafe(ref source, (nuint)sourceStride);
        Vector256<float> r2 = Vector256.LoadUnsafe(ref source, (nuint)(2 * sourceStride));
        Vector256<float> r3 = Vector256.LoadUnsafe(ref source, (nuint)(3 * sourceStride));
        Vector256<float> r4 = Vector256.LoadUnsafe(ref source, (nuint)(4 * sourceStride));
        Vector256<float> r5 = Vector256.LoadUnsafe(ref source, (nuint)(5 * sourceStride));
        Vector256<float> r6 = Vector256.LoadUnsafe(ref source, (nuint)(6 * sourceStride));
        Vector256<float> r7 = Vector256.LoadUnsafe(ref source, (nuint)(7 * sourceStride));
        // Pairs of rows interleaved, then pairs of pairs, then the 128-bit halves: the classic 24-instruction transpose.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref destination);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref destination, (nuint)destinationStride);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref destination, (nuint)(2 * destinationStride));
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref destination, (nuint)(3 * destinationStride));
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref destination, (nuint)(4 * destinationStride));
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref destination, (nuint)(5 * destinationStride));
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref destination, (nuint)(6 * destinationStride));
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref destination, (nuint)(7 * destinationStride));
    }
}
