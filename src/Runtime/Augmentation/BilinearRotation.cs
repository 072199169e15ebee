namespace CnnCompiler;

/// <summary>
/// Rotation of H×W planes about their centre with bilinear sampling, as torchvision's <c>rotate</c> on tensors does
/// (an inverse affine grid, <c>grid_sample</c> with zero padding and <c>align_corners=False</c>, then the fill blend).
/// </summary>
internal static class BilinearRotation
{
    /// <summary>
    /// Rotates every H×W plane of <paramref name="sample"/> counter-clockwise (as displayed, rows downwards) by
    /// <paramref name="degrees"/>. Output pixel (x, y) samples the input at
    /// <code>
    /// xs = cos·(x − cx) − sin·(y − cy) + cx,   ys = sin·(x − cx) + cos·(y − cy) + cy,   cx = (W − 1)/2, cy = (H − 1)/2
    /// </code>
    /// with bilinear weights; neighbours outside the plane contribute nothing, and with m the sum of the weights of the
    /// neighbours inside, the result is <c>m·(value − fill) + fill</c>, torchvision's blend (so with fill 0 the border
    /// is attenuated by m twice, exactly as there). <paramref name="scratch"/> holds at least the sample's length.
    /// </summary>
    public static void Rotate(Span<float> sample, Span<float> scratch, int height, int width, double degrees, float fill)
    {
        int planeLength = height * width;
        int planes = sample.Length / planeLength;
        Span<float> source = scratch[..sample.Length];
        sample.CopyTo(source);
        var (sin, cos) = SinCos(degrees);
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        for (int y = 0; y < height; y++)
        {
            double dy = y - cy;
            for (int x = 0; x < width; x++)
            {
                double dx = x - cx;
                double xs = cos * dx - sin * dy + cx;
                double ys = sin * dx + cos * dy + cy;
                double xFloor = Math.Floor(xs), yFloor = Math.Floor(ys);
                float fx = (float)(xs - xFloor), fy = (float)(ys - yFloor);
                int x0 = (int)Math.Clamp(xFloor, -2, width), y0 = (int)Math.Clamp(yFloor, -2, height);
                bool left = (uint)x0 < (uint)width, right = (uint)(x0 + 1) < (uint)width;
                bool top = (uint)y0 < (uint)height, bottom = (uint)(y0 + 1) < (uint)height;
                float w00 = left && top ? (1 - fx) * (1 - fy) : 0f;
                float w01 = right && top ? fx * (1 - fy) : 0f;
                float w10 = left && bottom ? (1 - fx) * fy : 0f;
                float w11 = right && bottom ? fx * fy : 0f;
                float mask = w00 + w01 + w10 + w11;
                int output = y * width + x;
                if (mask == 0f)
                {
                    for (int p = 0; p < planes; p++) sample[p * planeLength + output] = fill;
                    continue;
                }
                // Corners with zero weight read a valid index instead of an outside one.
                int i00 = w00 != 0f ? y0 * width + x0 : 0;
                int i01 = w01 != 0f ? y0 * width + x0 + 1 : 0;
                int i10 = w10 != 0f ? (y0 + 1) * width + x0 : 0;
                int i11 = w11 != 0f ? (y0 + 1) * width + x0 + 1 : 0;
                for (int p = 0; p < planes; p++)
                {
                    ReadOnlySpan<float> plane = source.Slice(p * planeLength, planeLength);
                    float value = w00 * plane[i00] + w01 * plane[i01] + w10 * plane[i10] + w11 * plane[i11];
                    sample[p * planeLength + output] = mask * (value - fill) + fill;
                }
            }
        }
    }

    /// <summary>Sine and cosine of an angle in degrees, exact at multiples of 90° so that quarter turns permute pixels exactly.</summary>
    private static (double Sin, double Cos) SinCos(double degrees)
    {
        double turn = degrees % 360;
        if (turn < 0) turn += 360;
        return turn switch
        {
            0 => (0, 1),
            90 => (1, 0),
            180 => (0, -1),
            270 => (-1, 0),
            _ => Math.SinCos(degrees * (Math.PI / 180)),
        };
    }
}
