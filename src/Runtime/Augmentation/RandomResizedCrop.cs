namespace CnnCompiler;

/// <summary>
/// torchvision's <c>RandomResizedCrop(size, scale=(0.08, 1.0), ratio=(3/4, 4/3))</c> with the output the size of the
/// input: a window of random area (a fraction of the image drawn from <see cref="MinScale"/>…<see cref="MaxScale"/>) and
/// random aspect ratio (log-uniform in <see cref="MinRatio"/>…<see cref="MaxRatio"/>) is cut out and resized back to
/// H×W with antialiased bilinear filtering (PIL's, as in the image folder's resize). As torchvision's
/// <c>get_params</c>: up to 10 attempts to find a window that fits, each drawing the area fraction, then the log-ratio
/// (<c>NextDouble</c>); w = round(√(area·ratio)), h = round(√(area/ratio)); when one fits, its top then left
/// (<c>NextInt</c>); after 10 misses the center crop with the ratio clamped into range. Draws per sample: the coin,
/// then those. Works on <c>C×H×W</c>.
/// </summary>
public sealed class RandomResizedCrop : IAugmentation
{
    private float[] _scratch = [];
    private float[] _horizontal = [];
    private ImageResampler.FilterTaps? _rows;
    private ImageResampler.FilterTaps? _columns;

    public RandomResizedCrop(double minScale = 0.08, double maxScale = 1.0, double minRatio = 3.0 / 4.0, double maxRatio = 4.0 / 3.0, float probability = 1f)
    {
        if (!(minScale > 0 && minScale <= maxScale && maxScale <= 1))
            throw new ArgumentOutOfRangeException(nameof(minScale), $"The scale range must satisfy 0 < min ≤ max ≤ 1; got ({minScale}, {maxScale}).");
        if (!(minRatio > 0 && minRatio <= maxRatio && double.IsFinite(maxRatio)))
            throw new ArgumentOutOfRangeException(nameof(minRatio), $"The ratio range must satisfy 0 < min ≤ max < ∞; got ({minRatio}, {maxRatio}).");
        MinScale = minScale;
        MaxScale = maxScale;
        MinRatio = minRatio;
        MaxRatio = maxRatio;
        Probability = BatchShape.Probability(probability, nameof(probability));
    }

    public double MinScale { get; }

    public double MaxScale { get; }

    public double MinRatio { get; }

    public double MaxRatio { get; }

    public float Probability { get; }

    /// <summary>torchvision's <c>RandomResizedCrop.get_params</c> for an image of <paramref name="height"/> × <paramref name="width"/>.</summary>
    public (int Top, int Left, int Height, int Width) DrawWindow(int height, int width, SeededRandom random) =>
        GetParams(height, width, MinScale, MaxScale, MinRatio, MaxRatio, random);

    /// <summary>torchvision's <c>RandomResizedCrop.get_params(img, scale, ratio)</c> for an image of height × width.</summary>
    internal static (int Top, int Left, int Height, int Width) GetParams(
        int height, int width, double minScale, double maxScale, double minRatio, double maxRatio, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double area = (double)height * width;
        double logMin = Math.Log(minRatio), logMax = Math.Log(maxRatio);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double target = area * (minScale + (maxScale - minScale) * random.NextDouble());
            double ratio = Math.Exp(logMin + (logMax - logMin) * random.NextDouble());
            int w = (int)Math.Round(Math.Sqrt(target * ratio), MidpointRounding.ToEven);
            int h = (int)Math.Round(Math.Sqrt(target / ratio), MidpointRounding.ToEven);
            if (w > 0 && w <= width && h > 0 && h <= height)
            {
                int top = random.NextInt(height - h + 1);
                int left = random.NextInt(width - w + 1);
                return (top, left, h, w);
            }
        }
        double inRatio = (double)width / height;
        int cw, ch;
        if (inRatio < minRatio)
        {
            cw = width;
            ch = (int)Math.Round(cw / minRatio, MidpointRounding.ToEven);
        }
        else if (inRatio > maxRatio)
        {
            ch = height;
            cw = (int)Math.Round(ch * maxRatio, MidpointRounding.ToEven);
        }
        else
        {
            cw = width;
            ch = height;
        }
        return ((height - ch) / 2, (width - cw) / 2, ch, cw);
    }

    public void Apply(Span<float> batch, ReadOnlySpan<int> sampleShape, int count, SeededRandom random)
    {
        int length = BatchShape.Check(batch, sampleShape, count, random, nameof(RandomResizedCrop), 3, 3, "C×H×W");
        int channels = sampleShape[0], height = sampleShape[1], width = sampleShape[2];
        if (_scratch.Length < length) _scratch = new float[length];
        if (_horizontal.Length < height * width) _horizontal = new float[height * width];
        for (int n = 0; n < count; n++)
        {
            if (!BatchShape.Chance(random, Probability)) continue;
            var window = DrawWindow(height, width, random);
            if (window == (0, 0, height, width)) continue; // the whole image resized to itself
            Span<float> sample = batch.Slice(n * length, length);
            sample.CopyTo(_scratch);
            Resize(_scratch.AsSpan(0, length), channels, height, width, window, sample);
        }
    }

    // The window of each plane, resized to height × width with the image folder's antialiased bilinear filter.
    private void Resize(ReadOnlySpan<float> source, int channels, int height, int width, (int Top, int Left, int Height, int Width) window, Span<float> output)
    {
        // The window is never larger than the image, so the filter only enlarges: three taps, reused arrays.
        var rows = _rows = ImageResampler.Weights(window.Top, window.Height, (double)window.Height / height, 0, height, _rows);
        var columns = _columns = ImageResampler.Weights(window.Left, window.Width, (double)window.Width / width, 0, width, _columns);
        int plane = height * width;
        float[] horizontal = _horizontal;
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> p = source.Slice(c * plane, plane);
            for (int r = 0; r < window.Height; r++)
            {
                ReadOnlySpan<float> row = p.Slice((window.Top + r) * width, width);
                for (int x = 0; x < width; x++)
                {
                    ReadOnlySpan<float> w = columns.Values.AsSpan(columns.Offset[x], columns.Count[x]);
                    int start = columns.Start[x];
                    float sum = 0;
                    for (int k = 0; k < w.Length; k++) sum += w[k] * row[start + k];
                    horizontal[r * width + x] = sum;
                }
            }
            Span<float> o = output.Slice(c * plane, plane);
            for (int y = 0; y < height; y++)
            {
                ReadOnlySpan<float> w = rows.Values.AsSpan(rows.Offset[y], rows.Count[y]);
                int start = rows.Start[y] - window.Top;
                for (int x = 0; x < width; x++)
                {
                    float sum = 0;
                    for (int k = 0; k < w.Length; k++) sum += w[k] * horizontal[(start + k) * width + x];
                    o[y * width + x] = sum;
                }
            }
        }
    }
}
