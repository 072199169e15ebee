using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// Copy, clear and add for the short rows of im2col and col2im (often 5–30 floats), inlined into the generated loops:
/// at these lengths a call to a general routine costs more than the work.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Rows
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(ref float source, ref float destination, int count)
    {
        int i = 0;
        for (; i <= count - 8; i += 8) Vector256.LoadUnsafe(ref source, (nuint)i).StoreUnsafe(ref destination, (nuint)i);
        for (; i < count; i++) Unsafe.Add(ref destination, i) = Unsafe.Add(ref source, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(ref float destination, int count)
    {
        int i = 0;
        for (; i <= count - 8; i += 8) Vector256<float>.Zero.StoreUnsafe(ref destination, (nuint)i);
        for (; i < count; i++) Unsafe.Add(ref destination, i) = 0f;
    }

    /// <summary>destination[i] += source[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref float source, ref float destination, int count)
    {
        int i = 0;
        for (; i <= count - 8; i += 8)
        {
            (Vector256.LoadUnsafe(ref destination, (nuint)i) + Vector256.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
        }
        for (; i < count; i++) Unsafe.Add(ref destination, i) += Unsafe.Add(ref source, i);
    }
}
