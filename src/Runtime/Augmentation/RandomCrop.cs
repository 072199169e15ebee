namespace CnnCompiler;

/// <summary>
/// torchvision's <c>RandomCrop(size, padding)</c> with the output the size of the input: the image is padded with
/// <see cref="Fill"/> on every side and an H×W window is cut at a random position, which translates the content by a
/// whole number of pixels. With <c>top</c> drawn from 0…2·<see cref="VerticalPadding"/> and <c>left</c> from
/// 0…2·<see cref="HorizontalPadding"/>:
/// <code>out[y, x] = in[y + top − verticalPadding, x + left − horizontalPadding]   (Fill outside the input)</code>
/// Works on <c>C×H×W</c>, and on every depth slice of <c>C×D×H×W</c> alike. Draws per sample: the coin, then
/// <c>top</c>, then <c>left</c> (with <c>NextInt</c>) when applied.
/// </summary>
public sealed class RandomCrop : IAugmentation
{
    public RandomCrop(int padding, float probability = 1f, float fill = 0f)
        : this(padding, padding, probability, fill)
    {
    }

    public RandomCrop(int verticalPadding, int horizontalPadding, float probability = 1f, float fill = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(verticalPadding);
        ArgumentOutOfRangeException.ThrowIfNegative(horizontalPadding);
        if (!float.IsFinite(fill)) throw new ArgumentOutOfRangeException(nameof(fill), fill, "The fill value must be finite.");
        VerticalPadding = verticalPadding;
        HorizontalPadding = horizontalPadding;
        Probability = BatchShape.Probability(probability, nameof(probability));
        Fill = fill;
    }

    /// <summary>Rows of padding above and below: the largest vertical translation.</summary>
    public int VerticalPadding { get; }

    /// <summary>Columns of padding left and right: the largest horizontal translation.</summary>
    public int HorizontalPadding { get; }

    public float Probability { get; }

    public float Fill { get; }

    public void Apply(Span<float> batch, ReadOnlySpan<int> sampleShape, int count, SeededRandom random)
    {
        int length = BatchShape.Check(batch, sampleShape, count, random, nameof(RandomCrop), 3, 4, "C×H×W or C×D×H×W");
        var rows = BatchShape.AroundAxis(sampleShape, sampleShape.Length - 2);
        var columns = BatchShape.AroundAxis(sampleShape, sampleShape.Length - 1);
        for (int n = 0; n < count; n++)
        {
            if (!BatchShape.Chance(random, Probability)) continue;
            int top = random.NextInt(2 * VerticalPadding + 1);
            int left = random.NextInt(2 * HorizontalPadding + 1);
            Span<float> sample = batch.Slice(n * length, length);
            AxisOps.Shift(sample, rows.Outer, rows.Extent, rows.Inner, VerticalPadding - top, Fill);
            AxisOps.Shift(sample, columns.Outer, columns.Extent, columns.Inner, HorizontalPadding - left, Fill);
        }
    }
}
