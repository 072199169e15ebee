using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// One-pass kernels over a channel's plane for BatchNorm: the statistics and the affine maps each read their inputs
/// once, where separate Sum / SumOfSquares / Multiply / Add calls would each pass over the plane again. BatchNorm is
/// bound by memory traffic, so passes are what cost. The <c>…ReLU</c> forms fuse a ReLU that follows the BatchNorm
/// (training): the forward clamps in the same pass, and the backward passes take the ReLU's output y and mask its
/// gradient by y &gt; 0 as they read it, so neither direction needs a pass of its own for the ReLU. The masked values
/// are the ones a separate ReLU backward would have written, and every sum runs in the same order, so the fused and
/// separate forms give bitwise the same results.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PlaneKernels
{
    /// <summary>Σx and Σx² of <paramref name="x"/>: <see cref="SumAndDot"/> of the plane with itself.</summary>
    public static (double Sum, double Squares) SumAndSquares(ReadOnlySpan<float> x) => SumAndDot(x, x);

    /// <summary>Σdy and Σdy·x over one plane (accumulated in vector lanes of floats, returned as doubles).</summary>
    public static (double Sum, double Dot) SumAndDot(ReadOnlySpan<float> dy, ReadOnlySpan<float> x)
    {
        if (x.Length != dy.Length) throw new ArgumentException($"x has {x.Length} elements, dy {dy.Length}; they must match.", nameof(x));
        ref float gradient = ref MemoryMarshal.GetReference(dy);
        ref float source = ref MemoryMarshal.GetReference(x);
        Vector256<float> sum0 = Vector256<float>.Zero, sum1 = Vector256<float>.Zero, dot0 = Vector256<float>.Zero, dot1 = Vector256<float>.Zero;
        int i = 0;
        for (; i <= dy.Length - 16; i += 16)
        {
            Vector256<float> g0 = Vector256.LoadUnsafe(ref gradient, (nuint)i), g1 = Vector256.LoadUnsafe(ref gradient, (nuint)(i + 8));
            sum0 += g0;
            sum1 += g1;
            dot0 = Vector256.FusedMultiplyAdd(g0, Vector256.LoadUnsafe(ref source, (nuint)i), dot0);
            dot1 = Vector256.FusedMultiplyAdd(g1, Vector256.LoadUnsafe(ref source, (nuint)(i + 8)), dot1);
        }
        float sum = Vector256.Sum(sum0 + sum1), dot = Vector256.Sum(dot0 + dot1);
        for (; i < dy.Length; i++)
        {
            sum += Unsafe.Add(ref gradient, i);
            dot += Unsafe.Add(ref gradient, i) * Unsafe.Add(ref source, i);
        }
        return (sum, dot);
    }

    /// <summary>
    /// Σ(dy·[y &gt; 0]) and Σ(dy·[y &gt; 0])·x over one plane: <see cref="SumAndDot"/> of the gradient masked by a ReLU's
    /// output <paramref name="y"/> (the gradient of the ReLU's input), without writing the masked gradient.
    /// </summary>
    public static (double Sum, double Dot) SumAndDotReLU(ReadOnlySpan<float> dy, ReadOnlySpan<float> y, ReadOnlySpan<float> x)
    {
        if (x.Length != dy.Length || y.Length != dy.Length) throw new ArgumentException($"x has {x.Length} elements, y {y.Length}, dy {dy.Length}; they must match.", nameof(x));
        ref float gradient = ref MemoryMarshal.GetReference(dy);
        ref float output = ref MemoryMarshal.GetReference(y);
        ref float source = ref MemoryMarshal.GetReference(x);
        Vector256<float> sum0 = Vector256<float>.Zero, sum1 = Vector256<float>.Zero, dot0 = Vector256<float>.Zero, dot1 = Vector256<float>.Zero;
        int i = 0;
        for (; i <= dy.Length - 16; i += 16)
        {
            Vector256<float> g0 = Vector256.LoadUnsafe(ref gradient, (nuint)i) & Vector256.GreaterThan(Vector256.LoadUnsafe(ref output, (nuint)i), Vector256<float>.Zero);
            Vector256<float> g1 = Vector256.LoadUnsafe(ref gradient, (nuint)(i + 8)) & Vector256.GreaterThan(Vector256.LoadUnsafe(ref output, (nuint)(i + 8)), Vector256<float>.Zero);
            sum0 += g0;
            sum1 += g1;
            dot0 = Vector256.FusedMultiplyAdd(g0, Vector256.LoadUnsafe(ref source, (nuint)i), dot0);
            dot1 = Vector256.FusedMultiplyAdd(g1, Vector256.LoadUnsafe(ref source, (nuint)(i + 8)), dot1);
        }
        float sum = Vector256.Sum(sum0 + sum1), dot = Vector256.Sum(dot0 + dot1);
        for (; i < dy.Length; i++)
        {
            float g = Unsafe.Add(ref output, i) > 0f ? Unsafe.Add(ref gradient, i) : 0f;
            sum += g;
            dot += g * Unsafe.Add(ref source, i);
        }
        return (sum, dot);
    }

    /// <summary>y = x·a + b (one fused multiply-add per element); <paramref name="y"/> may be <paramref name="x"/>.</summary>
    public static void ScaleShift(ReadOnlySpan<float> x, float a, float b, Span<float> y) => ScaleShift(x, a, b, y, relu: false);

    /// <summary>y = max(x·a + b, 0): <see cref="ScaleShift(ReadOnlySpan{float}, float, float, Span{float})"/> and a ReLU in one pass; <paramref name="y"/> may be <paramref name="x"/>.</summary>
    public static void ScaleShiftReLU(ReadOnlySpan<float> x, float a, float b, Span<float> y) => ScaleShift(x, a, b, y, relu: true);

    /// <summary>Both of the above: <paramref name="relu"/> is a constant at each inlined call site, so the JIT drops the dead clamp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScaleShift(ReadOnlySpan<float> x, float a, float b, Span<float> y, bool relu)
    {
        if (y.Length < x.Length) throw new ArgumentException($"y has {y.Length} elements, fewer than the {x.Length} of x.", nameof(y));
        ref float source = ref MemoryMarshal.GetReference(x);
        ref float target = ref MemoryMarshal.GetReference(y);
        Vector256<float> scale = Vector256.Create(a), shift = Vector256.Create(b);
        int i = 0;
        for (; i <= x.Length - 8; i += 8)
        {
            Vector256<float> value = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref source, (nuint)i), scale, shift);
            (relu ? Vector256.Max(value, Vector256<float>.Zero) : value).StoreUnsafe(ref target, (nuint)i);
        }
        for (; i < x.Length; i++)
        {
            float value = MathF.FusedMultiplyAdd(Unsafe.Add(ref source, i), a, b);
            Unsafe.Add(ref target, i) = relu ? MathF.Max(value, 0f) : value;
        }
    }

    /// <summary>dx = dy·k1 + x·k2 + k3 in one pass (BatchNorm's input gradient, expanded per channel).</summary>
    public static void Combine(ReadOnlySpan<float> dy, float k1, ReadOnlySpan<float> x, float k2, float k3, Span<float> dx)
    {
        if (x.Length != dy.Length || dx.Length < dy.Length)
        {
            throw new ArgumentException($"dy has {dy.Length} elements, x {x.Length} and dx {dx.Length}; x must match dy and dx hold as many.", nameof(dx));
        }
        ref float gradient = ref MemoryMarshal.GetReference(dy);
        ref float source = ref MemoryMarshal.GetReference(x);
        ref float target = ref MemoryMarshal.GetReference(dx);
        Vector256<float> v1 = Vector256.Create(k1), v2 = Vector256.Create(k2), v3 = Vector256.Create(k3);
        int i = 0;
        for (; i <= dy.Length - 8; i += 8)
        {
            Vector256<float> shifted = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref source, (nuint)i), v2, v3);
            Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref gradient, (nuint)i), v1, shifted).StoreUnsafe(ref target, (nuint)i);
        }
        for (; i < dy.Length; i++)
        {
            Unsafe.Add(ref target, i) = MathF.FusedMultiplyAdd(Unsafe.Add(ref gradient, i), k1, MathF.FusedMultiplyAdd(Unsafe.Add(ref source, i), k2, k3));
        }
    }

    /// <summary>
    /// dx = (dy·[y &gt; 0])·k1 + x·k2 + k3 in one pass: <see cref="Combine"/> with the gradient masked by a ReLU's output
    /// <paramref name="y"/>. <paramref name="dx"/> may be <paramref name="dy"/> (each element is read before it is written).
    /// </summary>
    public static void CombineReLU(ReadOnlySpan<float> dy, ReadOnlySpan<float> y, float k1, ReadOnlySpan<float> x, float k2, float k3, Span<float> dx)
    {
        if (x.Length != dy.Length || y.Length != dy.Length || dx.Length < dy.Length)
        {
            throw new ArgumentException($"dy has {dy.Length} elements, y {y.Length}, x {x.Length} and dx {dx.Length}; x and y must match dy and dx hold as many.", nameof(dx));
        }
        ref float gradient = ref MemoryMarshal.GetReference(dy);
        ref float output = ref MemoryMarshal.GetReference(y);
        ref float source = ref MemoryMarshal.GetReference(x);
        ref float target = ref MemoryMarshal.GetReference(dx);
        Vector256<float> v1 = Vector256.Create(k1), v2 = Vector256.Create(k2), v3 = Vector256.Create(k3);
        int i = 0;
        for (; i <= dy.Length - 8; i += 8)
        {
            Vector256<float> g = Vector256.LoadUnsafe(ref gradient, (nuint)i) & Vector256.GreaterThan(Vector256.LoadUnsafe(ref output, (nuint)i), Vector256<float>.Zero);
            Vector256<float> shifted = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref source, (nuint)i), v2, v3);
            Vector256.FusedMultiplyAdd(g, v1, shifted).StoreUnsafe(ref target, (nuint)i);
        }
        for (; i < dy.Length; i++)
        {
            float g = Unsafe.Add(ref output, i) > 0f ? Unsafe.Add(ref gradient, i) : 0f;
            Unsafe.Add(ref target, i) = MathF.FusedMultiplyAdd(g, k1, MathF.FusedMultiplyAdd(Unsafe.Add(ref source, i), k2, k3));
        }
    }
}
