using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// The shape-independent parts of Winograd's F(2×2, 3×3) convolution (Lavin and Gray 2016), which generated layers
/// use for stride-1 3×3 convolutions: Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A computes a 2×2 output tile from a 4×4 input tile
/// with 16 multiplications instead of 36. The generated code does the per-shape work (input and output transforms,
/// the 16 products as GEMMs); these are the weight transform, the input copy and the lane interleaving.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WinogradKernels
{
    /// <summary>Positions of a transformed 4×4 tile: one GEMM each.</summary>
    public const int Positions = 16;

    /// <summary>
    /// U[p, f, c] = (G g[f, c] Gᵀ)[p / 4, p % 4] for every 3×3 kernel g of <paramref name="weights"/>
    /// (filters × inputs × 3 × 3, PyTorch's layout), with G = [[1, 0, 0], [½, ½, ½], [½, −½, ½], [0, 0, 1]].
    /// </summary>
    public static void TransformWeights(ReadOnlySpan<float> weights, Span<float> transformed, int filters, int inputs)
    {
        int pairs = filters * inputs;
        if (weights.Length < pairs * 9) throw new ArgumentException($"weights has {weights.Length} values; {filters} filters × {inputs} inputs × 3 × 3 need {pairs * 9}.", nameof(weights));
        if (transformed.Length < pairs * Positions) throw new ArgumentException($"transformed has {transformed.Length} values; {Positions} × {filters} × {inputs} are needed.", nameof(transformed));
        Span<float> rows = stackalloc float[12];
        for (int pair = 0; pair < pairs; pair++)
        {
            ReadOnlySpan<float> g = weights.Slice(pair * 9, 9);
            // G g: 4 rows of 3.
            for (int x = 0; x < 3; x++)
            {
                float top = g[x], middle = g[3 + x], bottom = g[6 + x];
                rows[x] = top;
                rows[3 + x] = 0.5f * (top + middle + bottom);
                rows[6 + x] = 0.5f * (top - middle + bottom);
                rows[9 + x] = bottom;
            }
            // (G g) Gᵀ: each row of 3 becomes 4.
            for (int i = 0; i < 4; i++)
            {
                float a = rows[3 * i], b = rows[3 * i + 1], c = rows[3 * i + 2];
                transformed[(4 * i + 0) * pairs + pair] = a;
                transformed[(4 * i + 1) * pairs + pair] = 0.5f * (a + b + c);
                transformed[(4 * i + 2) * pairs + pair] = 0.5f * (a - b + c);
                transformed[(4 * i + 3) * pairs + pair] = c;
            }
        }
    }

    /// <summary>
    /// Copies <paramref name="channels"/> planes of height × width into the interior of a zero-bordered buffer of
    /// channels × <paramref name="bufferHeight"/> × <paramref name="bufferWidth"/> at (<paramref name="top"/>,
    /// <paramref name="left"/>), each buffer row split into its even columns, then its odd ones: the input transform
    /// then reads the columns 2x, 2x + 1, 2x + 2, 2x + 3 of 8 neighbouring tiles as four contiguous vectors.
    /// Only the interior is written, so a buffer cleared once keeps its zero border.
    /// </summary>
    public static void CopyDeinterleaved(ReadOnlySpan<float> planes, Span<float> buffer, int channels, int height, int width, int bufferHeight, int bufferWidth, int top, int left)
    {
        if (planes.Length < channels * height * width) throw new ArgumentException($"planes has {planes.Length} values; {channels} × {height} × {width} are needed.", nameof(planes));
        if (buffer.Length < channels * bufferHeight * bufferWidth) throw new ArgumentException($"buffer has {buffer.Length} values; {channels} × {bufferHeight} × {bufferWidth} are needed.", nameof(buffer));
        if ((bufferWidth & 1) != 0 || top < 0 || left < 0 || top + height > bufferHeight || left + width > bufferWidth)
            throw new ArgumentException($"A {height}×{width} plane at ({top}, {left}) does not fit an even-width {bufferHeight}×{bufferWidth} buffer.");
        int half = bufferWidth / 2;
        ref float source = ref MemoryMarshal.GetReference(planes);
        ref float target = ref MemoryMarshal.GetReference(buffer);
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                ref float from = ref Unsafe.Add(ref source, (c * height + y) * width);
                ref float row = ref Unsafe.Add(ref target, (c * bufferHeight + top + y) * bufferWidth);
                // Column x of the plane is column x + left of the buffer row: even ones first, then odd ones.
                int x = 0;
                if ((left & 1) == 1)
                {
                    Unsafe.Add(ref row, half + left / 2) = from;
                    x = 1;
                }
                int first = (left + x) / 2;
                for (; x + 1 < width; x += 2, first++)
                {
                    Unsafe.Add(ref row, first) = Unsafe.Add(ref from, x);
                    Unsafe.Add(ref row, half + first) = Unsafe.Add(ref from, x + 1);
                }
                if (x < width) Unsafe.Add(ref row, first) = Unsafe.Add(ref from, x);
            }
        }
    }

    /// <summary>The lanes of <paramref name="even"/> and <paramref name="odd"/> alternated: (e0, o0, e1, o1, …), as two vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<float> Lower, Vector256<float> Upper) Interleave(Vector256<float> even, Vector256<float> odd)
    {
        if (Avx.IsSupported)
        {
            Vector256<float> low = Avx.UnpackLow(even, odd), high = Avx.UnpackHigh(even, odd);
            return (Avx.Permute2x128(low, high, 0x20), Avx.Permute2x128(low, high, 0x31));
        }
        Vector256<float> oddLanes = Vector256.Create(0, -1, 0, -1, 0, -1, 0, -1).AsSingle();
        Vector256<int> lower = Vector256.Create(0, 0, 1, 1, 2, 2, 3, 3), upper = Vector256.Create(4, 4, 5, 5, 6, 6, 7, 7);
        return (Vector256.ConditionalSelect(oddLanes, Vector256.Shuffle(odd, lower), Vector256.Shuffle(even, lower)),
                Vector256.ConditionalSelect(oddLanes, Vector256.Shuffle(odd, upper), Vector256.Shuffle(even, upper)));
    }

    /// <inheritdoc cref="Interleave(Vector256{float}, Vector256{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector128<float> Lower, Vector128<float> Upper) Interleave(Vector128<float> even, Vector128<float> odd)
    {
        if (Sse.IsSupported) return (Sse.UnpackLow(even, odd), Sse.UnpackHigh(even, odd));
        Vector128<float> oddLanes = Vector128.Create(0, -1, 0, -1).AsSingle();
        Vector128<int> lower = Vector128.Create(0, 0, 1, 1), upper = Vector128.Create(2, 2, 3, 3);
        return (Vector128.ConditionalSelect(oddLanes, Vector128.Shuffle(odd, lower), Vector128.Shuffle(even, lower)),
                Vector128.ConditionalSelect(oddLanes, Vector128.Shuffle(odd, upper), Vector128.Shuffle(even, upper)));
    }
}
