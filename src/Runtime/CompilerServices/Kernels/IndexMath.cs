using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace CnnCompiler.CompilerServices;

/// <summary>Integer helpers for window bounds in generated loops (floor and ceiling division that are right for negatives).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class IndexMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CeilDiv(int a, int b) => a >= 0 ? (a + b - 1) / b : -(-a / b);

    /// <summary>
    /// The output positions [start, end) along one axis whose input index <c>o·stride + k − pad</c> lies in [0, size):
    /// the rest read padding.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (int Start, int End) ValidRange(int k, int size, int outputs, int stride, int pad)
    {
        int start = Math.Max(0, CeilDiv(pad - k, stride));
        int end = Math.Min(outputs, FloorDiv(size - 1 + pad - k, stride) + 1);
        return (start, Math.Max(start, end));
    }
}
