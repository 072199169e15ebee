using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// Upsampling by an integer factor per axis (nn.Upsample with <c>scale_factor</c>), every rank as 3D (depth, height,
/// width; missing axes are 1 with scale 1). Nearest: output o reads input o / scale. Linear (align_corners=False):
/// output o reads input position max(0, (o + 0.5) / scale − 0.5) (PyTorch's formula, in float with the scale's float
/// reciprocal as PyTorch computes it), interpolating its floor and the next index (the floor itself at the last).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Upsample<TShape> where TShape : struct, IUpsampleShape
{
    private static int InPlane => TShape.InDepth * TShape.InHeight * TShape.InWidth;

    private static int OutDepth => TShape.InDepth * TShape.ScaleDepth;

    private static int OutHeight => TShape.InHeight * TShape.ScaleHeight;

    private static int OutWidth => TShape.InWidth * TShape.ScaleWidth;

    private static int OutPlane => OutDepth * OutHeight * OutWidth;

    public static void Forward(ReadOnlySpan<float> input, Span<float> output, int count)
    {
        for (int plane = 0; plane < count * TShape.Channels; plane++)
        {
            ReadOnlySpan<float> x = input.Slice(plane * InPlane, InPlane);
            Span<float> y = output.Slice(plane * OutPlane, OutPlane);
            if (TShape.Linear) ForwardLinear(x, y);
            else ForwardNearest(x, y);
        }
    }

    /// <summary>
    /// The gradient of <see cref="Forward"/>: nearest sums each block of output gradients into its input value; linear
    /// scatters each output gradient to its neighbours with the forward weights. Overwrites <paramref name="inputGradient"/>.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int count)
    {
        if (inputGradient.IsEmpty) return;
        for (int plane = 0; plane < count * TShape.Channels; plane++)
        {
            ReadOnlySpan<float> dy = outputGradient.Slice(plane * OutPlane, OutPlane);
            Span<float> dx = inputGradient.Slice(plane * InPlane, InPlane);
            if (TShape.Linear) BackwardLinear(dy, dx);
            else BackwardNearest(dy, dx);
        }
    }

    /// <summary>Each input row widened once into the first output row of its block, then copied to the block's other rows and planes.</summary>
    private static void ForwardNearest(ReadOnlySpan<float> x, Span<float> y)
    {
        int inH = TShape.InHeight, inW = TShape.InWidth, outH = OutHeight, outW = OutWidth;
        int sD = TShape.ScaleDepth, sH = TShape.ScaleHeight;
        for (int d = 0; d < TShape.InDepth; d++)
        {
            Span<float> outPlane = y.Slice(d * sD * outH * outW, outH * outW);
            for (int h = 0; h < inH; h++)
            {
                Span<float> row = outPlane.Slice(h * sH * outW, outW);
                WidenRow(x.Slice((d * inH + h) * inW, inW), row);
                for (int k = 1; k < sH; k++) row.CopyTo(outPlane.Slice((h * sH + k) * outW, outW));
            }
            for (int k = 1; k < sD; k++) outPlane.CopyTo(y.Slice((d * sD + k) * outH * outW, outH * outW));
        }
    }

    /// <summary>dst[i] = src[i / ScaleWidth]: a copy at scale 1; at scale 2, four values become eight by two shuffles.</summary>
    private static void WidenRow(ReadOnlySpan<float> src, Span<float> dst)
    {
        int sW = TShape.ScaleWidth;
        if (sW == 1)
        {
            src.CopyTo(dst);
            return;
        }
        int i = 0;
        if (sW == 2 && Vector128.IsHardwareAccelerated)
        {
            for (; i <= src.Length - 4; i += 4)
            {
                Vector128<float> v = Vector128.Create(src.Slice(i, 4));
                Vector128.Shuffle(v, Vector128.Create(0, 0, 1, 1)).CopyTo(dst.Slice(2 * i, 4));
                Vector128.Shuffle(v, Vector128.Create(2, 2, 3, 3)).CopyTo(dst.Slice(2 * i + 4, 4));
            }
        }
        for (; i < src.Length; i++) dst.Slice(i * sW, sW).Fill(src[i]);
    }

    private static void BackwardNearest(ReadOnlySpan<float> dy, Span<float> dx)
    {
        int inH = TShape.InHeight, inW = TShape.InWidth, outH = OutHeight, outW = OutWidth;
        int sD = TShape.ScaleDepth, sH = TShape.ScaleHeight, sW = TShape.ScaleWidth;
        dx.Clear();
        for (int d = 0; d < TShape.InDepth; d++)
        {
            for (int h = 0; h < inH; h++)
            {
                Span<float> target = dx.Slice((d * inH + h) * inW, inW);
                for (int kd = 0; kd < sD; kd++)
                {
                    for (int kh = 0; kh < sH; kh++)
                    {
                        ReadOnlySpan<float> row = dy.Slice(((d * sD + kd) * outH + h * sH + kh) * outW, outW);
                        if (sW == 1)
                        {
                            TensorPrimitives.Add(target, row, target);
                            continue;
                        }
                        for (int w = 0; w < inW; w++) target[w] += TensorPrimitives.Sum(row.Slice(w * sW, sW));
                    }
                }
            }
        }
    }

    /// <summary>PyTorch's align_corners=False source index of output <paramref name="o"/>: its two neighbours and their weights.</summary>
    private static (int First, int Second, float FirstWeight, float SecondWeight) Source(int o, int scale, int size)
    {
        float reciprocal = 1f / scale;
        float position = reciprocal * (o + 0.5f) - 0.5f;
        if (position < 0f) position = 0f;
        int first = (int)position;
        int second = first < size - 1 ? first + 1 : first;
        float secondWeight = position - first;
        return (first, second, 1f - secondWeight, secondWeight);
    }

    private static void ForwardLinear(ReadOnlySpan<float> x, Span<float> y)
    {
        int inH = TShape.InHeight, inW = TShape.InWidth, outH = OutHeight, outW = OutWidth;
        for (int od = 0; od < OutDepth; od++)
        {
            (int d0, int d1, float wd0, float wd1) = Source(od, TShape.ScaleDepth, TShape.InDepth);
            for (int oh = 0; oh < outH; oh++)
            {
                (int h0, int h1, float wh0, float wh1) = Source(oh, TShape.ScaleHeight, inH);
                ReadOnlySpan<float> r00 = x.Slice((d0 * inH + h0) * inW, inW), r01 = x.Slice((d0 * inH + h1) * inW, inW);
                ReadOnlySpan<float> r10 = x.Slice((d1 * inH + h0) * inW, inW), r11 = x.Slice((d1 * inH + h1) * inW, inW);
                Span<float> row = y.Slice((od * outH + oh) * outW, outW);
                for (int ow = 0; ow < outW; ow++)
                {
                    (int w0, int w1, float ww0, float ww1) = Source(ow, TShape.ScaleWidth, inW);
                    // PyTorch's nesting: depth weights outside, then height, then width.
                    row[ow] = wd0 * (wh0 * (ww0 * r00[w0] + ww1 * r00[w1]) + wh1 * (ww0 * r01[w0] + ww1 * r01[w1]))
                            + wd1 * (wh0 * (ww0 * r10[w0] + ww1 * r10[w1]) + wh1 * (ww0 * r11[w0] + ww1 * r11[w1]));
                }
            }
        }
    }

    private static void BackwardLinear(ReadOnlySpan<float> dy, Span<float> dx)
    {
        int inH = TShape.InHeight, inW = TShape.InWidth, outH = OutHeight, outW = OutWidth;
        dx.Clear();
        for (int od = 0; od < OutDepth; od++)
        {
            (int d0, int d1, float wd0, float wd1) = Source(od, TShape.ScaleDepth, TShape.InDepth);
            for (int oh = 0; oh < outH; oh++)
            {
                (int h0, int h1, float wh0, float wh1) = Source(oh, TShape.ScaleHeight, inH);
                Span<float> r00 = dx.Slice((d0 * inH + h0) * inW, inW), r01 = dx.Slice((d0 * inH + h1) * inW, inW);
                Span<float> r10 = dx.Slice((d1 * inH + h0) * inW, inW), r11 = dx.Slice((d1 * inH + h1) * inW, inW);
                ReadOnlySpan<float> row = dy.Slice((od * outH + oh) * outW, outW);
                for (int ow = 0; ow < outW; ow++)
                {
                    (int w0, int w1, float ww0, float ww1) = Source(ow, TShape.ScaleWidth, inW);
                    float g = row[ow];
                    float g00 = wd0 * wh0 * g, g01 = wd0 * wh1 * g, g10 = wd1 * wh0 * g, g11 = wd1 * wh1 * g;
                    // Neighbours may coincide (at the edge, or along an axis of scale 1): += keeps every share.
                    r00[w0] += ww0 * g00; r00[w1] += ww1 * g00;
                    r01[w0] += ww0 * g01; r01[w1] += ww1 * g01;
                    r10[w0] += ww0 * g10; r10[w1] += ww1 * g10;
                    r11[w0] += ww0 * g11; r11[w1] += ww1 * g11;
                }
            }
        }
    }
}
