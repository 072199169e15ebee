namespace CnnCompiler;

/// <summary>
/// Resamples a window of an 8-bit image (row-major, channels interleaved) to an output grid of floats, channels first,
/// with PIL's antialiased bilinear filter (torchvision's <c>Resize(antialias=True)</c> on PIL images): a triangle filter
/// whose support grows with the scale factor when shrinking, so every source pixel contributes and nothing aliases.
/// Output pixel (y, x) is centred on source row <c>top + (offsetY + y + 0.5) · scaleY</c> and column likewise; the filter
/// is clipped to the window. Separable: rows first into a scratch buffer, then columns. Values are divided by 255.
/// </summary>
internal static class ImageResampler
{
    // source: the decoded image, sourceWidth × height × channels bytes; window: the source rectangle the filter may read
    // (a crop), in source pixels; scaleY/scaleX: source pixels per output pixel; offsetY/offsetX: output rows and
    // columns skipped before the first one written (a crop of the resized image); output: channels × outputHeight × outputWidth.
    public static void Resample(
        ReadOnlySpan<byte> source, int sourceWidth, int channels,
        (int Top, int Left, int Height, int Width) window,
        double scaleY, double scaleX, int offsetY, int offsetX,
        Span<float> output, int outputHeight, int outputWidth)
    {
        var rows = Weights(window.Top, window.Height, scaleY, offsetY, outputHeight);
        var columns = Weights(window.Left, window.Width, scaleX, offsetX, outputWidth);
        // Horizontal pass over the source rows the vertical filter reads: window.Height × outputWidth × channels.
        int firstRow = rows.Start[0];
        int lastRow = rows.Start[outputHeight - 1] + rows.Count[outputHeight - 1];
        int bandHeight = lastRow - firstRow;
        var band = new float[bandHeight * outputWidth * channels];
        for (int r = 0; r < bandHeight; r++)
        {
            ReadOnlySpan<byte> row = source.Slice((firstRow + r) * sourceWidth * channels, sourceWidth * channels);
            Span<float> target = band.AsSpan(r * outputWidth * channels, outputWidth * channels);
            for (int x = 0; x < outputWidth; x++)
            {
                int start = columns.Start[x], count = columns.Count[x];
                ReadOnlySpan<float> w = columns.Values.AsSpan(columns.Offset[x], count);
                for (int c = 0; c < channels; c++)
                {
                    float sum = 0;
                    for (int k = 0; k < count; k++) sum += w[k] * row[(start + k) * channels + c];
                    target[x * channels + c] = sum;
                }
            }
        }
        int plane = outputHeight * outputWidth;
        for (int y = 0; y < outputHeight; y++)
        {
            int start = rows.Start[y] - firstRow, count = rows.Count[y];
            ReadOnlySpan<float> w = rows.Values.AsSpan(rows.Offset[y], count);
            for (int x = 0; x < outputWidth; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    float sum = 0;
                    for (int k = 0; k < count; k++) sum += w[k] * band[((start + k) * outputWidth + x) * channels + c];
                    output[c * plane + y * outputWidth + x] = Math.Clamp(sum, 0f, 255f) * (1f / 255f);
                }
            }
        }
    }

    internal sealed record FilterTaps(int[] Start, int[] Count, int[] Offset, float[] Values);

    // PIL's precompute_coeffs: support = filterscale (triangle filter of radius 1, stretched when shrinking).
    // reuse: taps of an earlier call, overwritten when they are large enough (augmentation allocates nothing per sample).
    internal static FilterTaps Weights(int windowStart, int windowLength, double scale, int offset, int outputLength, FilterTaps? reuse = null)
    {
        double filterScale = Math.Max(scale, 1.0);
        double support = filterScale;
        int maxTaps = (int)Math.Ceiling(support) * 2 + 1;
        bool fits = reuse is not null && reuse.Start.Length == outputLength && reuse.Values.Length >= outputLength * maxTaps;
        var start = fits ? reuse!.Start : new int[outputLength];
        var count = fits ? reuse!.Count : new int[outputLength];
        var offsets = fits ? reuse!.Offset : new int[outputLength];
        var values = fits ? reuse!.Values : new float[outputLength * maxTaps];
        for (int i = 0; i < outputLength; i++)
        {
            double center = (offset + i + 0.5) * scale;
            int min = Math.Max(0, (int)(center - support + 0.5));
            int max = Math.Min(windowLength, (int)(center + support + 0.5));
            if (max <= min) // a window narrower than one tap (cannot happen for valid crops): take the nearest pixel
            {
                min = Math.Clamp((int)center, 0, windowLength - 1);
                max = min + 1;
            }
            double total = 0;
            int n = max - min;
            Span<float> w = values.AsSpan(i * maxTaps, n);
            for (int k = 0; k < n; k++)
            {
                double t = Math.Abs((k + min - center + 0.5) / filterScale);
                double weight = t < 1 ? 1 - t : 0;
                w[k] = (float)weight;
                total += weight;
            }
            if (total == 0)
            {
                w.Clear();
                w[Math.Min(n - 1, Math.Max(0, (int)(center - min)))] = 1;
                total = 1;
            }
            for (int k = 0; k < n; k++) w[k] = (float)(w[k] / total);
            start[i] = windowStart + min;
            count[i] = n;
            offsets[i] = i * maxTaps;
        }
        return fits ? reuse! : new FilterTaps(start, count, offsets, values);
    }
}
