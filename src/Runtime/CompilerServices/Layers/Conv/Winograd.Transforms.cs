using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// The input and output transforms of <see cref="Winograd{TConv}"/>, vectorized over neighbouring tiles of a row: 8 per
/// Vector256; 4 per Vector128 for rows of 4 tiles; or, for those when the block has an even number of tile rows, the
/// 4 tiles of two tile rows per Vector256 (their V and M columns are adjacent, so only the source loads and the output
/// stores are split in halves).
/// </summary>
internal static partial class Winograd<TConv>
{
    /// <summary>
    /// V[p, i, t] = (Bᵀ d B)[p] for the 4×4 input tile d of each tile t in the block's rows, 8 neighbouring tiles per vector, with
    /// Bᵀ = [[1, 0, −1, 0], [0, 1, 1, 0], [0, −1, 1, 0], [0, 1, 0, −1]]. A row's columns 2x … 2x + 3 are the even columns
    /// x, x + 1 and the odd ones x, x + 1 of the deinterleaved copy: four vector loads for a vector of tiles.
    /// </summary>
    private static void InputTransform8(ref float source, int firstRow, int samples, ref float transformed)
    {
        int inputs = TConv.Inputs, sourceWidth = SourceWidth, sourcePlane = SourceHeight * SourceWidth, tileColumns = TileColumns, blockRows = TConv.BlockRows, blockTiles = BlockTiles;
        int half = SourceWidth / 2, positionStride = TConv.Inputs * BlockTiles;
        for (int s = 0; s < samples; s++)
        {
            for (int i = 0; i < inputs; i++)
            {
                for (int r = 0; r < blockRows; r += 1)
                {
                    ref float rows = ref Unsafe.Add(ref source, (s * inputs + i) * sourcePlane + 2 * (firstRow + r) * sourceWidth);
                    ref float target = ref Unsafe.Add(ref transformed, i * blockTiles + (s * blockRows + r) * tileColumns);
                    for (int x = 0; x < tileColumns; x += 8)
                    {
                        // d B for each of the 4 rows: columns (c0 − c2, c1 + c2, c2 − c1, c1 − c3), c0 = even[x], c1 = odd[x], c2 = even[x + 1], c3 = odd[x + 1].
                        Vector256<float> even0 = Vector256.LoadUnsafe(ref rows, (nuint)(0 * sourceWidth + x)), nextEven0 = Vector256.LoadUnsafe(ref rows, (nuint)(0 * sourceWidth + x + 1));
                        Vector256<float> odd0 = Vector256.LoadUnsafe(ref rows, (nuint)(0 * sourceWidth + half + x)), nextOdd0 = Vector256.LoadUnsafe(ref rows, (nuint)(0 * sourceWidth + half + x + 1));
                        Vector256<float> d00 = even0 - nextEven0, d01 = odd0 + nextEven0, d02 = nextEven0 - odd0, d03 = odd0 - nextOdd0;
                        Vector256<float> even1 = Vector256.LoadUnsafe(ref rows, (nuint)(1 * sourceWidth + x)), nextEven1 = Vector256.LoadUnsafe(ref rows, (nuint)(1 * sourceWidth + x + 1));
                        Vector256<float> odd1 = Vector256.LoadUnsafe(ref rows, (nuint)(1 * sourceWidth + half + x)), nextOdd1 = Vector256.LoadUnsafe(ref rows, (nuint)(1 * sourceWidth + half + x + 1));
                        Vector256<float> d10 = even1 - nextEven1, d11 = odd1 + nextEven1, d12 = nextEven1 - odd1, d13 = odd1 - nextOdd1;
                        Vector256<float> even2 = Vector256.LoadUnsafe(ref rows, (nuint)(2 * sourceWidth + x)), nextEven2 = Vector256.LoadUnsafe(ref rows, (nuint)(2 * sourceWidth + x + 1));
                        Vector256<float> odd2 = Vector256.LoadUnsafe(ref rows, (nuint)(2 * sourceWidth + half + x)), nextOdd2 = Vector256.LoadUnsafe(ref rows, (nuint)(2 * sourceWidth + half + x + 1));
                        Vector256<float> d20 = even2 - nextEven2, d21 = odd2 + nextEven2, d22 = nextEven2 - odd2, d23 = odd2 - nextOdd2;
                        Vector256<float> even3 = Vector256.LoadUnsafe(ref rows, (nuint)(3 * sourceWidth + x)), nextEven3 = Vector256.LoadUnsafe(ref rows, (nuint)(3 * sourceWidth + x + 1));
                        Vector256<float> odd3 = Vector256.LoadUnsafe(ref rows, (nuint)(3 * sourceWidth + half + x)), nextOdd3 = Vector256.LoadUnsafe(ref rows, (nuint)(3 * sourceWidth + half + x + 1));
                        Vector256<float> d30 = even3 - nextEven3, d31 = odd3 + nextEven3, d32 = nextEven3 - odd3, d33 = odd3 - nextOdd3;
                        // Bᵀ (d B): rows (r0 − r2, r1 + r2, r2 − r1, r1 − r3).
                        (d00 - d20).StoreUnsafe(ref target, (nuint)(0 * positionStride + x));
                        (d10 + d20).StoreUnsafe(ref target, (nuint)(4 * positionStride + x));
                        (d20 - d10).StoreUnsafe(ref target, (nuint)(8 * positionStride + x));
                        (d10 - d30).StoreUnsafe(ref target, (nuint)(12 * positionStride + x));
                        (d01 - d21).StoreUnsafe(ref target, (nuint)(1 * positionStride + x));
                        (d11 + d21).StoreUnsafe(ref target, (nuint)(5 * positionStride + x));
                        (d21 - d11).StoreUnsafe(ref target, (nuint)(9 * positionStride + x));
                        (d11 - d31).StoreUnsafe(ref target, (nuint)(13 * positionStride + x));
                        (d02 - d22).StoreUnsafe(ref target, (nuint)(2 * positionStride + x));
                        (d12 + d22).StoreUnsafe(ref target, (nuint)(6 * positionStride + x));
                        (d22 - d12).StoreUnsafe(ref target, (nuint)(10 * positionStride + x));
                        (d12 - d32).StoreUnsafe(ref target, (nuint)(14 * positionStride + x));
                        (d03 - d23).StoreUnsafe(ref target, (nuint)(3 * positionStride + x));
                        (d13 + d23).StoreUnsafe(ref target, (nuint)(7 * positionStride + x));
                        (d23 - d13).StoreUnsafe(ref target, (nuint)(11 * positionStride + x));
                        (d13 - d33).StoreUnsafe(ref target, (nuint)(15 * positionStride + x));
                    }
                }
            }
        }
    }

    /// <summary>
    /// V[p, i, t] = (Bᵀ d B)[p] for the 4×4 input tile d of each tile t in the block's rows, 4 neighbouring tiles per vector, with
    /// Bᵀ = [[1, 0, −1, 0], [0, 1, 1, 0], [0, −1, 1, 0], [0, 1, 0, −1]]. A row's columns 2x … 2x + 3 are the even columns
    /// x, x + 1 and the odd ones x, x + 1 of the deinterleaved copy: four vector loads for a vector of tiles.
    /// </summary>
    private static void InputTransform4(ref float source, int firstRow, int samples, ref float transformed)
    {
        int inputs = TConv.Inputs, sourceWidth = SourceWidth, sourcePlane = SourceHeight * SourceWidth, tileColumns = TileColumns, blockRows = TConv.BlockRows, blockTiles = BlockTiles;
        int half = SourceWidth / 2, positionStride = TConv.Inputs * BlockTiles;
        for (int s = 0; s < samples; s++)
        {
            for (int i = 0; i < inputs; i++)
            {
                for (int r = 0; r < blockRows; r += 1)
                {
                    ref float rows = ref Unsafe.Add(ref source, (s * inputs + i) * sourcePlane + 2 * (firstRow + r) * sourceWidth);
                    ref float target = ref Unsafe.Add(ref transformed, i * blockTiles + (s * blockRows + r) * tileColumns);
                    for (int x = 0; x < tileColumns; x += 4)
                    {
                        // d B for each of the 4 rows: columns (c0 − c2, c1 + c2, c2 − c1, c1 − c3), c0 = even[x], c1 = odd[x], c2 = even[x + 1], c3 = odd[x + 1].
                        Vector128<float> even0 = Vector128.LoadUnsafe(ref rows, (nuint)(0 * sourceWidth + x)), nextEven0 = Vector128.LoadUnsafe(ref rows, (nuint)(0 * sourceWidth + x + 1));
                        Vector128<float> odd0 = Vector128.LoadUnsafe(ref rows, (nuint)(0 * sourceWidth + half + x)), nextOdd0 = Vector128.LoadUnsafe(ref rows, (nuint)(0 * sourceWidth + half + x + 1));
                        Vector128<float> d00 = even0 - nextEven0, d01 = odd0 + nextEven0, d02 = nextEven0 - odd0, d03 = odd0 - nextOdd0;
                        Vector128<float> even1 = Vector128.LoadUnsafe(ref rows, (nuint)(1 * sourceWidth + x)), nextEven1 = Vector128.LoadUnsafe(ref rows, (nuint)(1 * sourceWidth + x + 1));
                        Vector128<float> odd1 = Vector128.LoadUnsafe(ref rows, (nuint)(1 * sourceWidth + half + x)), nextOdd1 = Vector128.LoadUnsafe(ref rows, (nuint)(1 * sourceWidth + half + x + 1));
                        Vector128<float> d10 = even1 - nextEven1, d11 = odd1 + nextEven1, d12 = nextEven1 - odd1, d13 = odd1 - nextOdd1;
                        Vector128<float> even2 = Vector128.LoadUnsafe(ref rows, (nuint)(2 * sourceWidth + x)), nextEven2 = Vector128.LoadUnsafe(ref rows, (nuint)(2 * sourceWidth + x + 1));
                        Vector128<float> odd2 = Vector128.LoadUnsafe(ref rows, (nuint)(2 * sourceWidth + half + x)), nextOdd2 = Vector128.LoadUnsafe(ref rows, (nuint)(2 * sourceWidth + half + x + 1));
                        Vector128<float> d20 = even2 - nextEven2, d21 = odd2 + nextEven2, d22 = nextEven2 - odd2, d23 = odd2 - nextOdd2;
                        Vector128<float> even3 = Vector128.LoadUnsafe(ref rows, (nuint)(3 * sourceWidth + x)), nextEven3 = Vector128.LoadUnsafe(ref rows, (nuint)(3 * sourceWidth + x + 1));
                        Vector128<float> odd3 = Vector128.LoadUnsafe(ref rows, (nuint)(3 * sourceWidth + half + x)), nextOdd3 = Vector128.LoadUnsafe(ref rows, (nuint)(3 * sourceWidth + half + x + 1));
                        Vector128<float> d30 = even3 - nextEven3, d31 = odd3 + nextEven3, d32 = nextEven3 - odd3, d33 = odd3 - nextOdd3;
                        // Bᵀ (d B): rows (r0 − r2, r1 + r2, r2 − r1, r1 − r3).
                        (d00 - d20).StoreUnsafe(ref target, (nuint)(0 * positionStride + x));
                        (d10 + d20).StoreUnsafe(ref target, (nuint)(4 * positionStride + x));
                        (d20 - d10).StoreUnsafe(ref target, (nuint)(8 * positionStride + x));
                        (d10 - d30).StoreUnsafe(ref target, (nuint)(12 * positionStride + x));
                        (d01 - d21).StoreUnsafe(ref target, (nuint)(1 * positionStride + x));
                        (d11 + d21).StoreUnsafe(ref target, (nuint)(5 * positionStride + x));
                        (d21 - d11).StoreUnsafe(ref target, (nuint)(9 * positionStride + x));
                        (d11 - d31).StoreUnsafe(ref target, (nuint)(13 * positionStride + x));
                        (d02 - d22).StoreUnsafe(ref target, (nuint)(2 * positionStride + x));
                        (d12 + d22).StoreUnsafe(ref target, (nuint)(6 * positionStride + x));
                        (d22 - d12).StoreUnsafe(ref target, (nuint)(10 * positionStride + x));
                        (d12 - d32).StoreUnsafe(ref target, (nuint)(14 * positionStride + x));
                        (d03 - d23).StoreUnsafe(ref target, (nuint)(3 * positionStride + x));
                        (d13 + d23).StoreUnsafe(ref target, (nuint)(7 * positionStride + x));
                        (d23 - d13).StoreUnsafe(ref target, (nuint)(11 * positionStride + x));
                        (d13 - d33).StoreUnsafe(ref target, (nuint)(15 * positionStride + x));
                    }
                }
            }
        }
    }

    /// <summary>
    /// V[p, i, t] = (Bᵀ d B)[p] for the 4×4 input tile d of each tile t in the block's rows, the 4 tiles of two tile rows per vector, with
    /// Bᵀ = [[1, 0, −1, 0], [0, 1, 1, 0], [0, −1, 1, 0], [0, 1, 0, −1]]. A row's columns 2x … 2x + 3 are the even columns
    /// x, x + 1 and the odd ones x, x + 1 of the deinterleaved copy: four vector loads for a vector of tiles.
    /// </summary>
    private static void InputTransformPaired(ref float source, int firstRow, int samples, ref float transformed)
    {
        int inputs = TConv.Inputs, sourceWidth = SourceWidth, sourcePlane = SourceHeight * SourceWidth, tileColumns = TileColumns, blockRows = TConv.BlockRows, blockTiles = BlockTiles;
        int half = SourceWidth / 2, positionStride = TConv.Inputs * BlockTiles;
        for (int s = 0; s < samples; s++)
        {
            for (int i = 0; i < inputs; i++)
            {
                for (int r = 0; r < blockRows; r += 2)
                {
                    ref float rows = ref Unsafe.Add(ref source, (s * inputs + i) * sourcePlane + 2 * (firstRow + r) * sourceWidth);
                    ref float target = ref Unsafe.Add(ref transformed, i * blockTiles + (s * blockRows + r) * tileColumns);
                    for (int x = 0; x < tileColumns; x += 4)
                    {
                        // d B for each of the 4 rows: columns (c0 − c2, c1 + c2, c2 − c1, c1 − c3), c0 = even[x], c1 = odd[x], c2 = even[x + 1], c3 = odd[x + 1].
                        // The lower half from tile row r (source rows 2r …), the upper half from tile row r + 1 (source rows 2r + 2 …).
                        Vector256<float> even0 = Vector256.Create(Vector128.LoadUnsafe(ref rows, (nuint)(0 * sourceWidth + x)), Vector128.LoadUnsafe(ref rows, (nuint)(2 * sourceWidth + x))), nextEven0 = Vector256.Create(Vector128.LoadUnsafe(ref rows, (nuint)(0 * sourceWidth + x + 1)), Vector128.LoadUnsafe(ref rows, (nuint)(2 * sourceWidth + x + 1)));
                        Vector256<float> odd0 = Vector256.Create(Vector128.LoadUnsafe(ref rows, (nuint)(0 * sourceWidth + half + x)), Vector128.LoadUnsafe(ref rows, (nuint)(2 * sourceWidth + half + x))), nextOdd0 = Vector256.Create(Vector128.LoadUnsafe(ref rows, (nuint)(0 * sourceWidth + half + x + 1)), Vector128.LoadUnsafe(ref rows, (nuint)(2 * sourceWidth + half + x + 1)));
                        Vector256<float> d00 = even0 - nextEven0, d01 = odd0 + nextEven0, d02 = nextEven0 - odd0, d03 = odd0 - nextOdd0;
                        Vector256<float> even1 = Vector256.Create(Vector128.LoadUnsafe(ref rows, (nuint)(1 * sourceWidth + x)), Vector128.LoadUnsafe(ref rows, (nuint)(3 * sourceWidth + x))), nextEven1 = Vector256.Create(Vector128.LoadUnsafe(ref rows, (nuint)(1 * sourceWidth + x + 1)), Vector128.LoadUnsafe(ref rows, (nuint)(3 * sourceWidth + x + 1)));
                        Vector256<float> odd1 = Vector256.Create(Vector128.LoadUnsafe(ref rows, (nuint)(1 * sourceWidth + half + x)), Vector128.LoadUnsafe(ref rows, (nuint)(3 * sourceWidth + half + x))), nextOdd1 = Vector256.Create(Vector128.LoadUnsafe(ref rows, (nuint)(1 * sourceWidth + half + x + 1)), Vector128.LoadUnsafe(ref rows, (nuint)(3 * sourceWidth + half + x + 1)));
                        Vector256<float> d10 = even1 - nextEven1, d11 = odd1 + nextEven1, d12 = nextEven1 - odd1, d13 = odd1 - nextOdd1;
                        Vector256<float> even2 = Vector256.Create(Vector128.LoadUnsafe(ref rows, (nuint)(2 * sourceWidth + x)), Vector128.LoadUnsafe(ref rows, (nuint)(4 * sourceWidth + x))), nextEven2 = Vector256.Create(Vector128.LoadUnsafe(ref rows, (nuint)(2 * sourceWidth + x + 1)), Vector128.LoadUnsafe(ref rows, (nuint)(4 * sourceWidth + x + 1)));
                        Vector256<float> odd2 = Vector256.Create(Vector128.LoadUnsafe(ref rows, (nuint)(2 * sourceWidth + half + x)), Vector128.LoadUnsafe(ref rows, (nuint)(4 * sourceWidth + half + x))), nextOdd2 = Vector256.Create(Vector128.LoadUnsafe(ref rows, (nuint)(2 * sourceWidth + half + x + 1)), Vector128.LoadUnsafe(ref rows, (nuint)(4 * sourceWidth + half + x + 1)));
                        Vector256<float> d20 = even2 - nextEven2, d21 = odd2 + nextEven2, d22 = nextEven2 - odd2, d23 = odd2 - nextOdd2;
                        Vector256<float> even3 = Vector256.Create(Vector128.LoadUnsafe(ref rows, (nuint)(3 * sourceWidth + x)), Vector128.LoadUnsafe(ref rows, (nuint)(5 * sourceWidth + x))), nextEven3 = Vector256.Create(Vector128.LoadUnsafe(ref rows, (nuint)(3 * sourceWidth + x + 1)), Vector128.LoadUnsafe(ref rows, (nuint)(5 * sourceWidth + x + 1)));
                        Vector256<float> odd3 = Vector256.Create(Vector128.LoadUnsafe(ref rows, (nuint)(3 * sourceWidth + half + x)), Vector128.LoadUnsafe(ref rows, (nuint)(5 * sourceWidth + half + x))), nextOdd3 = Vector256.Create(Vector128.LoadUnsafe(ref rows, (nuint)(3 * sourceWidth + half + x + 1)), Vector128.LoadUnsafe(ref rows, (nuint)(5 * sourceWidth + half + x + 1)));
                        Vector256<float> d30 = even3 - nextEven3, d31 = odd3 + nextEven3, d32 = nextEven3 - odd3, d33 = odd3 - nextOdd3;
                        // Bᵀ (d B): rows (r0 − r2, r1 + r2, r2 − r1, r1 − r3).
                        (d00 - d20).StoreUnsafe(ref target, (nuint)(0 * positionStride + x));
                        (d10 + d20).StoreUnsafe(ref target, (nuint)(4 * positionStride + x));
                        (d20 - d10).StoreUnsafe(ref target, (nuint)(8 * positionStride + x));
                        (d10 - d30).StoreUnsafe(ref target, (nuint)(12 * positionStride + x));
                        (d01 - d21).StoreUnsafe(ref target, (nuint)(1 * positionStride + x));
                        (d11 + d21).StoreUnsafe(ref target, (nuint)(5 * positionStride + x));
                        (d21 - d11).StoreUnsafe(ref target, (nuint)(9 * positionStride + x));
                        (d11 - d31).StoreUnsafe(ref target, (nuint)(13 * positionStride + x));
                        (d02 - d22).StoreUnsafe(ref target, (nuint)(2 * positionStride + x));
                        (d12 + d22).StoreUnsafe(ref target, (nuint)(6 * positionStride + x));
                        (d22 - d12).StoreUnsafe(ref target, (nuint)(10 * positionStride + x));
                        (d12 - d32).StoreUnsafe(ref target, (nuint)(14 * positionStride + x));
                        (d03 - d23).StoreUnsafe(ref target, (nuint)(3 * positionStride + x));
                        (d13 + d23).StoreUnsafe(ref target, (nuint)(7 * positionStride + x));
                        (d23 - d13).StoreUnsafe(ref target, (nuint)(11 * positionStride + x));
                        (d13 - d33).StoreUnsafe(ref target, (nuint)(15 * positionStride + x));
                    }
                }
            }
        }
    }

    /// <summary>
    /// y = Aᵀ M A + bias (clamped at 0 for a fused ReLU) for each tile, Aᵀ = [[1, 1, 1, 0], [0, 1, −1, −1]], 8 neighbouring tiles
    /// per vector, the tile's two columns interleaved back into the output rows.
    /// </summary>
    private static void OutputTransform8(ref float products, ReadOnlySpan<float> bias, ref float output, int firstRow, int samples)
    {
        int outputs = TConv.Outputs, height = TConv.Height, width = TConv.Width, tileColumns = TileColumns, blockRows = TConv.BlockRows, blockTiles = BlockTiles;
        int positionStride = TConv.Outputs * BlockTiles;
        bool hasBias = !bias.IsEmpty;
        for (int o = 0; o < outputs; o++)
        {
            Vector256<float> b = hasBias ? Vector256.Create(bias[o]) : Vector256<float>.Zero;
            for (int s = 0; s < samples; s++)
            {
                for (int r = 0; r < blockRows; r += 1)
                {
                    ref float tile = ref Unsafe.Add(ref products, o * blockTiles + (s * blockRows + r) * tileColumns);
                    ref float target = ref Unsafe.Add(ref output, ((s * outputs + o) * height + 2 * (firstRow + r)) * width);
                    for (int x = 0; x < tileColumns; x += 8)
                    {
                        // Aᵀ M: rows (m0 + m1 + m2, m1 − m2 − m3) of each column j.
                        Vector256<float> m00 = Vector256.LoadUnsafe(ref tile, (nuint)(0 * positionStride + x)), m10 = Vector256.LoadUnsafe(ref tile, (nuint)(4 * positionStride + x)), m20 = Vector256.LoadUnsafe(ref tile, (nuint)(8 * positionStride + x)), m30 = Vector256.LoadUnsafe(ref tile, (nuint)(12 * positionStride + x));
                        Vector256<float> a00 = m00 + m10 + m20, a10 = m10 - m20 - m30;
                        Vector256<float> m01 = Vector256.LoadUnsafe(ref tile, (nuint)(1 * positionStride + x)), m11 = Vector256.LoadUnsafe(ref tile, (nuint)(5 * positionStride + x)), m21 = Vector256.LoadUnsafe(ref tile, (nuint)(9 * positionStride + x)), m31 = Vector256.LoadUnsafe(ref tile, (nuint)(13 * positionStride + x));
                        Vector256<float> a01 = m01 + m11 + m21, a11 = m11 - m21 - m31;
                        Vector256<float> m02 = Vector256.LoadUnsafe(ref tile, (nuint)(2 * positionStride + x)), m12 = Vector256.LoadUnsafe(ref tile, (nuint)(6 * positionStride + x)), m22 = Vector256.LoadUnsafe(ref tile, (nuint)(10 * positionStride + x)), m32 = Vector256.LoadUnsafe(ref tile, (nuint)(14 * positionStride + x));
                        Vector256<float> a02 = m02 + m12 + m22, a12 = m12 - m22 - m32;
                        Vector256<float> m03 = Vector256.LoadUnsafe(ref tile, (nuint)(3 * positionStride + x)), m13 = Vector256.LoadUnsafe(ref tile, (nuint)(7 * positionStride + x)), m23 = Vector256.LoadUnsafe(ref tile, (nuint)(11 * positionStride + x)), m33 = Vector256.LoadUnsafe(ref tile, (nuint)(15 * positionStride + x));
                        Vector256<float> a03 = m03 + m13 + m23, a13 = m13 - m23 - m33;
                        // (Aᵀ M) A: columns (a0 + a1 + a2, a1 − a2 − a3), plus bias.
                        Vector256<float> left0 = a00 + a01 + a02 + b, right0 = a01 - a02 - a03 + b;
                        if (TConv.ReLU) (left0, right0) = (Vector256.Max(left0, Vector256<float>.Zero), Vector256.Max(right0, Vector256<float>.Zero));
                        (Vector256<float> first0, Vector256<float> second0) = WinogradKernels.Interleave(left0, right0);
                        first0.StoreUnsafe(ref target, (nuint)(2 * x));
                        second0.StoreUnsafe(ref target, (nuint)(2 * x + 8));
                        Vector256<float> left1 = a10 + a11 + a12 + b, right1 = a11 - a12 - a13 + b;
                        if (TConv.ReLU) (left1, right1) = (Vector256.Max(left1, Vector256<float>.Zero), Vector256.Max(right1, Vector256<float>.Zero));
                        (Vector256<float> first1, Vector256<float> second1) = WinogradKernels.Interleave(left1, right1);
                        first1.StoreUnsafe(ref target, (nuint)(width + 2 * x));
                        second1.StoreUnsafe(ref target, (nuint)(width + 2 * x + 8));
                    }
                }
            }
        }
    }

    /// <summary>
    /// y = Aᵀ M A + bias (clamped at 0 for a fused ReLU) for each tile, Aᵀ = [[1, 1, 1, 0], [0, 1, −1, −1]], 4 neighbouring tiles
    /// per vector, the tile's two columns interleaved back into the output rows.
    /// </summary>
    private static void OutputTransform4(ref float products, ReadOnlySpan<float> bias, ref float output, int firstRow, int samples)
    {
        int outputs = TConv.Outputs, height = TConv.Height, width = TConv.Width, tileColumns = TileColumns, blockRows = TConv.BlockRows, blockTiles = BlockTiles;
        int positionStride = TConv.Outputs * BlockTiles;
        bool hasBias = !bias.IsEmpty;
        for (int o = 0; o < outputs; o++)
        {
            Vector128<float> b = hasBias ? Vector128.Create(bias[o]) : Vector128<float>.Zero;
            for (int s = 0; s < samples; s++)
            {
                for (int r = 0; r < blockRows; r += 1)
                {
                    ref float tile = ref Unsafe.Add(ref products, o * blockTiles + (s * blockRows + r) * tileColumns);
                    ref float target = ref Unsafe.Add(ref output, ((s * outputs + o) * height + 2 * (firstRow + r)) * width);
                    for (int x = 0; x < tileColumns; x += 4)
                    {
                        // Aᵀ M: rows (m0 + m1 + m2, m1 − m2 − m3) of each column j.
                        Vector128<float> m00 = Vector128.LoadUnsafe(ref tile, (nuint)(0 * positionStride + x)), m10 = Vector128.LoadUnsafe(ref tile, (nuint)(4 * positionStride + x)), m20 = Vector128.LoadUnsafe(ref tile, (nuint)(8 * positionStride + x)), m30 = Vector128.LoadUnsafe(ref tile, (nuint)(12 * positionStride + x));
                        Vector128<float> a00 = m00 + m10 + m20, a10 = m10 - m20 - m30;
                        Vector128<float> m01 = Vector128.LoadUnsafe(ref tile, (nuint)(1 * positionStride + x)), m11 = Vector128.LoadUnsafe(ref tile, (nuint)(5 * positionStride + x)), m21 = Vector128.LoadUnsafe(ref tile, (nuint)(9 * positionStride + x)), m31 = Vector128.LoadUnsafe(ref tile, (nuint)(13 * positionStride + x));
                        Vector128<float> a01 = m01 + m11 + m21, a11 = m11 - m21 - m31;
                        Vector128<float> m02 = Vector128.LoadUnsafe(ref tile, (nuint)(2 * positionStride + x)), m12 = Vector128.LoadUnsafe(ref tile, (nuint)(6 * positionStride + x)), m22 = Vector128.LoadUnsafe(ref tile, (nuint)(10 * positionStride + x)), m32 = Vector128.LoadUnsafe(ref tile, (nuint)(14 * positionStride + x));
                        Vector128<float> a02 = m02 + m12 + m22, a12 = m12 - m22 - m32;
                        Vector128<float> m03 = Vector128.LoadUnsafe(ref tile, (nuint)(3 * positionStride + x)), m13 = Vector128.LoadUnsafe(ref tile, (nuint)(7 * positionStride + x)), m23 = Vector128.LoadUnsafe(ref tile, (nuint)(11 * positionStride + x)), m33 = Vector128.LoadUnsafe(ref tile, (nuint)(15 * positionStride + x));
                        Vector128<float> a03 = m03 + m13 + m23, a13 = m13 - m23 - m33;
                        // (Aᵀ M) A: columns (a0 + a1 + a2, a1 − a2 − a3), plus bias.
                        Vector128<float> left0 = a00 + a01 + a02 + b, right0 = a01 - a02 - a03 + b;
                        if (TConv.ReLU) (left0, right0) = (Vector128.Max(left0, Vector128<float>.Zero), Vector128.Max(right0, Vector128<float>.Zero));
                        (Vector128<float> first0, Vector128<float> second0) = WinogradKernels.Interleave(left0, right0);
                        first0.StoreUnsafe(ref target, (nuint)(2 * x));
                        second0.StoreUnsafe(ref target, (nuint)(2 * x + 4));
                        Vector128<float> left1 = a10 + a11 + a12 + b, right1 = a11 - a12 - a13 + b;
                        if (TConv.ReLU) (left1, right1) = (Vector128.Max(left1, Vector128<float>.Zero), Vector128.Max(right1, Vector128<float>.Zero));
                        (Vector128<float> first1, Vector128<float> second1) = WinogradKernels.Interleave(left1, right1);
                        first1.StoreUnsafe(ref target, (nuint)(width + 2 * x));
                        second1.StoreUnsafe(ref target, (nuint)(width + 2 * x + 4));
                    }
                }
            }
        }
    }

    /// <summary>
    /// y = Aᵀ M A + bias (clamped at 0 for a fused ReLU) for each tile, Aᵀ = [[1, 1, 1, 0], [0, 1, −1, −1]], the 4 tiles of two tile rows
    /// per vector, the tile's two columns interleaved back into the output rows.
    /// </summary>
    private static void OutputTransformPaired(ref float products, ReadOnlySpan<float> bias, ref float output, int firstRow, int samples)
    {
        int outputs = TConv.Outputs, height = TConv.Height, width = TConv.Width, tileColumns = TileColumns, blockRows = TConv.BlockRows, blockTiles = BlockTiles;
        int positionStride = TConv.Outputs * BlockTiles;
        bool hasBias = !bias.IsEmpty;
        for (int o = 0; o < outputs; o++)
        {
            Vector256<float> b = hasBias ? Vector256.Create(bias[o]) : Vector256<float>.Zero;
            for (int s = 0; s < samples; s++)
            {
                for (int r = 0; r < blockRows; r += 2)
                {
                    ref float tile = ref Unsafe.Add(ref products, o * blockTiles + (s * blockRows + r) * tileColumns);
                    ref float target = ref Unsafe.Add(ref output, ((s * outputs + o) * height + 2 * (firstRow + r)) * width);
                    for (int x = 0; x < tileColumns; x += 4)
                    {
                        // Aᵀ M: rows (m0 + m1 + m2, m1 − m2 − m3) of each column j.
                        Vector256<float> m00 = Vector256.LoadUnsafe(ref tile, (nuint)(0 * positionStride + x)), m10 = Vector256.LoadUnsafe(ref tile, (nuint)(4 * positionStride + x)), m20 = Vector256.LoadUnsafe(ref tile, (nuint)(8 * positionStride + x)), m30 = Vector256.LoadUnsafe(ref tile, (nuint)(12 * positionStride + x));
                        Vector256<float> a00 = m00 + m10 + m20, a10 = m10 - m20 - m30;
                        Vector256<float> m01 = Vector256.LoadUnsafe(ref tile, (nuint)(1 * positionStride + x)), m11 = Vector256.LoadUnsafe(ref tile, (nuint)(5 * positionStride + x)), m21 = Vector256.LoadUnsafe(ref tile, (nuint)(9 * positionStride + x)), m31 = Vector256.LoadUnsafe(ref tile, (nuint)(13 * positionStride + x));
                        Vector256<float> a01 = m01 + m11 + m21, a11 = m11 - m21 - m31;
                        Vector256<float> m02 = Vector256.LoadUnsafe(ref tile, (nuint)(2 * positionStride + x)), m12 = Vector256.LoadUnsafe(ref tile, (nuint)(6 * positionStride + x)), m22 = Vector256.LoadUnsafe(ref tile, (nuint)(10 * positionStride + x)), m32 = Vector256.LoadUnsafe(ref tile, (nuint)(14 * positionStride + x));
                        Vector256<float> a02 = m02 + m12 + m22, a12 = m12 - m22 - m32;
                        Vector256<float> m03 = Vector256.LoadUnsafe(ref tile, (nuint)(3 * positionStride + x)), m13 = Vector256.LoadUnsafe(ref tile, (nuint)(7 * positionStride + x)), m23 = Vector256.LoadUnsafe(ref tile, (nuint)(11 * positionStride + x)), m33 = Vector256.LoadUnsafe(ref tile, (nuint)(15 * positionStride + x));
                        Vector256<float> a03 = m03 + m13 + m23, a13 = m13 - m23 - m33;
                        // (Aᵀ M) A: columns (a0 + a1 + a2, a1 − a2 − a3), plus bias.
                        Vector256<float> left0 = a00 + a01 + a02 + b, right0 = a01 - a02 - a03 + b;
                        if (TConv.ReLU) (left0, right0) = (Vector256.Max(left0, Vector256<float>.Zero), Vector256.Max(right0, Vector256<float>.Zero));
                        (Vector256<float> first0, Vector256<float> second0) = WinogradKernels.Interleave(left0, right0);
                        first0.StoreUnsafe(ref target, (nuint)(2 * x));
                        // The second half is tile row r + 1's, two output rows down.
                        second0.StoreUnsafe(ref target, (nuint)(2 * width + 2 * x));
                        Vector256<float> left1 = a10 + a11 + a12 + b, right1 = a11 - a12 - a13 + b;
                        if (TConv.ReLU) (left1, right1) = (Vector256.Max(left1, Vector256<float>.Zero), Vector256.Max(right1, Vector256<float>.Zero));
                        (Vector256<float> first1, Vector256<float> second1) = WinogradKernels.Interleave(left1, right1);
                        first1.StoreUnsafe(ref target, (nuint)(width + 2 * x));
                        // The second half is tile row r + 1's, two output rows down.
                        second1.StoreUnsafe(ref target, (nuint)(3 * width + 2 * x));
                    }
                }
            }
        }
    }
}
