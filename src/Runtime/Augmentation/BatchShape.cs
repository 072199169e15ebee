namespace CnnCompiler;

/// <summary>Checks a batch against its sample shape, and views a sample around one axis.</summary>
internal static class BatchShape
{
    /// <summary>
    /// Throws unless <paramref name="sampleShape"/> has a rank in <paramref name="minRank"/>…<paramref name="maxRank"/>
    /// and <paramref name="batch"/> holds exactly <paramref name="count"/> such samples; returns the sample length.
    /// </summary>
    public static int Check(
        ReadOnlySpan<float> batch, ReadOnlySpan<int> sampleShape, int count, SeededRandom random, string transform, int minRank, int maxRank, string accepted)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (sampleShape.Length < minRank || sampleShape.Length > maxRank)
            throw new ArgumentException($"{transform} works on {accepted} samples; got {ShapeText.Format(sampleShape)}.", nameof(sampleShape));
        long length = 1;
        for (int i = 0; i < sampleShape.Length; i++)
        {
            if (sampleShape[i] <= 0)
                throw new ArgumentException(
                    $"Every sample dimension must be positive; dimension {i} of {ShapeText.Format(sampleShape)} is {sampleShape[i]}.", nameof(sampleShape));
            length *= sampleShape[i];
            if (length > Array.MaxLength)
                throw new ArgumentException($"The sample shape {ShapeText.Format(sampleShape)} is too large for one array.", nameof(sampleShape));
        }
        if ((long)count * length != batch.Length)
            throw new ArgumentException(
                $"A batch of {ShapeText.Count(count)} samples of {ShapeText.Format(sampleShape)} needs {ShapeText.Count(count * length)} floats; got {ShapeText.Count(batch.Length)}.",
                nameof(batch));
        return (int)length;
    }

    /// <summary>
    /// The sample as <c>outer × extent × inner</c> around <paramref name="axis"/>: the product of the dimensions before
    /// it (channels included), its own size, and the product of those after it.
    /// </summary>
    public static (int Outer, int Extent, int Inner) AroundAxis(ReadOnlySpan<int> sampleShape, int axis)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= sampleShape[i];
        for (int i = axis + 1; i < sampleShape.Length; i++) inner *= sampleShape[i];
        return (outer, sampleShape[axis], inner);
    }

    /// <summary>Draws the per-sample coin: true with probability <paramref name="probability"/> (always one draw).</summary>
    public static bool Chance(SeededRandom random, float probability) => random.NextSingle() < probability;

    public static float Probability(float probability, string name)
    {
        if (!(probability >= 0f && probability <= 1f))
            throw new ArgumentOutOfRangeException(name, probability, "A probability must be between 0 and 1.");
        return probability;
    }
}
