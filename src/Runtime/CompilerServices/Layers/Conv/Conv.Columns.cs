using System.Runtime.CompilerServices;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// im2col and col2im for any rank (1D and 2D layers run the same loops with the missing axes of size 1), and the three
/// GEMMs over the column matrix: forward W[out × rows] · columns[rows × positions], weight gradient dY · columnsᵀ as
/// dot products, input gradient Wᵀ · dY.
/// </summary>
public static partial class Conv<TShape>
{
    /// <summary>Rows of the column matrix: input channels × kernel positions.</summary>
    private static int ColumnRows { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.InChannels * TShape.KernelDepth * TShape.KernelHeight * TShape.KernelWidth; }

    /// <summary>Columns of the column matrix: output positions per channel.</summary>
    private static int ColumnCols { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TShape.OutDepth * TShape.OutHeight * TShape.OutWidth; }

    /// <summary>im2col: columns[(c, kd, kh, kw), (od, oh, ow)] = input[c, od·stride + kd − pad, …], 0 where that falls in the padding.</summary>
    private static void Unfold(ref float input, ref float columns) => Unfold<Unfolding>(ref input, ref columns);

    /// <summary>col2im: input[c, i…] += columns[(c, k…), o…] where i = o·stride + k − pad; the inverse of <see cref="Unfold(ref float, ref float)"/>.</summary>
    private static void Fold(ref float columns, ref float input) => Unfold<Folding>(ref input, ref columns);

    /// <summary>One loop nest for both directions: row by row of the column matrix, the valid output columns of each row copied (or added back).</summary>
    private static void Unfold<TDirection>(ref float input, ref float columns) where TDirection : struct, IDirection
    {
        bool fold = TDirection.Fold;
        int cols = ColumnCols, outWidth = TShape.OutWidth;
        ref float columnRow = ref columns;
        for (int c = 0; c < TShape.InChannels; c++)
        {
            for (int kd = 0; kd < TShape.KernelDepth; kd++)
            {
                for (int kh = 0; kh < TShape.KernelHeight; kh++)
                {
                    for (int kw = 0; kw < TShape.KernelWidth; kw++, columnRow = ref Unsafe.Add(ref columnRow, cols))
                    {
                        (int start, int end) = IndexMath.ValidRange(kw, TShape.InWidth, outWidth, TShape.StrideWidth, TShape.PadWidth);
                        ref float target = ref columnRow;
                        for (int od = 0; od < TShape.OutDepth; od++)
                        {
                            int id = od * TShape.StrideDepth + kd - TShape.PadDepth;
                            for (int oh = 0; oh < TShape.OutHeight; oh++, target = ref Unsafe.Add(ref target, outWidth))
                            {
                                int ih = oh * TShape.StrideHeight + kh - TShape.PadHeight;
                                // A position whose input row falls in the padding contributes zeros.
                                if ((uint)id >= (uint)TShape.InDepth || (uint)ih >= (uint)TShape.InHeight)
                                {
                                    if (!fold) Rows.Clear(ref target, outWidth);
                                    continue;
                                }
                                ref float sourceRow = ref Unsafe.Add(ref input, ((c * TShape.InDepth + id) * TShape.InHeight + ih) * TShape.InWidth);
                                if (!fold)
                                {
                                    Rows.Clear(ref target, start);
                                    Rows.Clear(ref Unsafe.Add(ref target, end), outWidth - end);
                                }
                                int first = kw - TShape.PadWidth;
                                if (TShape.StrideWidth == 1)
                                {
                                    ref float inputStart = ref Unsafe.Add(ref sourceRow, start + first);
                                    if (fold) Rows.Add(ref Unsafe.Add(ref target, start), ref inputStart, end - start);
                                    else Rows.Copy(ref inputStart, ref Unsafe.Add(ref target, start), end - start);
                                }
                                else
                                {
                                    for (int ow = start; ow < end; ow++)
                                    {
                                        ref float value = ref Unsafe.Add(ref sourceRow, ow * TShape.StrideWidth + first);
                                        if (fold) value += Unsafe.Add(ref target, ow);
                                        else Unsafe.Add(ref target, ow) = value;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Which way <see cref="Unfold{TDirection}"/> runs: a type argument, so each direction is its own specialized loop.</summary>
    private interface IDirection
    {
        static abstract bool Fold { get; }
    }

    private readonly struct Unfolding : IDirection
    {
        public static bool Fold => false;
    }

    private readonly struct Folding : IDirection
    {
        public static bool Fold => true;
    }

    /// <summary>Forward: output[out × positions] = W[out × rows] · columns[rows × positions].</summary>
    private readonly struct ForwardGemm : IBroadcastGemm
    {
        public static int M => TShape.OutChannels;
        public static int N => ColumnCols;
        public static int K => ColumnRows;
        public static int RowStrideA => ColumnRows;
        public static int ColStrideA => 1;
        public static int RowStrideB => ColumnCols;
        public static int RowStrideC => ColumnCols;
        public static bool Accumulate => false;
        public static int RowTile => TShape.ForwardRowTile;
        public static int VectorTile => TShape.ForwardVectorTile;
        public static int WideVectorTile => TShape.ForwardWideVectorTile;
        public static bool Wide => TShape.ForwardWide;
    }

    /// <summary>Weight gradient: dW[out × rows] += dY[out × positions] · columns[rows × positions]ᵀ.</summary>
    private readonly struct WeightGradientGemm : IDotGemm
    {
        public static int M => TShape.OutChannels;
        public static int N => ColumnRows;
        public static int K => ColumnCols;
        public static int RowStrideA => ColumnCols;
        public static int RowStrideB => ColumnCols;
        public static int RowStrideC => ColumnRows;
        public static int ColStrideC => 1;
        public static bool Accumulate => true;
        public static int RowTile => TShape.WeightGradientRowTile;
        public static int ColumnTile => TShape.WeightGradientColumnTile;
        public static bool Wide => TShape.WeightGradientWide;
    }

    /// <summary>Input gradient: dcolumns[rows × positions] = Wᵀ[rows × out] · dY[out × positions].</summary>
    private readonly struct InputGradientGemm : IBroadcastGemm
    {
        public static int M => ColumnRows;
        public static int N => ColumnCols;
        public static int K => TShape.OutChannels;
        public static int RowStrideA => 1;
        public static int ColStrideA => ColumnRows;
        public static int RowStrideB => ColumnCols;
        public static int RowStrideC => ColumnCols;
        public static bool Accumulate => false;
        public static int RowTile => TShape.InputGradientRowTile;
        public static int VectorTile => TShape.InputGradientVectorTile;
        public static int WideVectorTile => TShape.InputGradientWideVectorTile;
        public static bool Wide => TShape.InputGradientWide;
    }
}
