using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.Kernels;

/// <summary>
/// One-pass kernels over a channel's plane for BatchNorm: the statistics and the affine maps each read their inputs
/// once, where separate Sum / SumOfSquares / Multiply / Add calls would each pass over the plane again. BatchNorm is
/// bound by memory traffic, so passes are what cost.
/// </summary>
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

    /// <summary>y = x·a + b (one fused multiply-add per element); <paramref name="y"/> may be <paramref name="x"/>.</summary>
    public static void ScaleShift(ReadOnlySpan<float> x, float a, float b, Span<float> y)
    {
        if (y.Length < x.Length) throw new ArgumentException($"y has {y.Length} elements, fewer than the {x.Length} of x.", nameof(y));
        ref float source = ref MemoryMarshal.GetReference(x);
        ref float target = ref MemoryMarshal.GetReference(y);
        Vector256<float> scale = Vector256.Create(a), shift = Vector256.Create(b);
        int i = 0;
        for (; i <= x.Length - 8; i += 8)
        {
            Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref source, (nuint)i), scale, shift).StoreUnsafe(ref target, (nuint)i);
        }
        for (; i < x.Length; i++) Unsafe.Add(ref target, i) = MathF.FusedMultiplyAdd(Unsafe.Add(ref source, i), a, b);
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
}
