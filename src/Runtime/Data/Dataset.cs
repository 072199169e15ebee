namespace CnnCompiler;

/// <summary>
/// Labelled samples in memory: <see cref="Count"/> samples of <see cref="SampleLength"/> floats each, back to back,
/// every sample laid out like PyTorch's <c>C×H×W</c> (channels first), with one integer class label per sample.
/// </summary>
public sealed class Dataset
{
    private readonly float[] _samples;
    private readonly int[] _labels;
    private readonly int[] _sampleShape;

    /// <summary>
    /// Wraps <paramref name="samples"/> (<c>labels.Length × product(sampleShape)</c> floats) and <paramref name="labels"/>.
    /// The arrays are used as given, not copied, so a full data set is not held twice.
    /// </summary>
    public Dataset(float[] samples, int[] labels, params ReadOnlySpan<int> sampleShape)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(labels);
        if (sampleShape.Length == 0)
            throw new ArgumentException("The sample shape needs at least one dimension; got none.", nameof(sampleShape));
        long sampleLength = 1;
        for (int i = 0; i < sampleShape.Length; i++)
        {
            if (sampleShape[i] <= 0)
                throw new ArgumentException(
                    $"Every sample dimension must be positive; dimension {i} of {ShapeText.Format(sampleShape)} is {sampleShape[i]}.", nameof(sampleShape));
            sampleLength *= sampleShape[i];
            if (sampleLength > Array.MaxLength)
                throw new ArgumentException($"The sample shape {ShapeText.Format(sampleShape)} is too large for one array.", nameof(sampleShape));
        }
        long expected = labels.LongLength * sampleLength;
        if (samples.LongLength != expected)
            throw new ArgumentException(
                $"{ShapeText.Count(labels.Length)} labels with samples of {ShapeText.Format(sampleShape)} need " +
                $"{ShapeText.Count(expected)} floats; the sample array holds {ShapeText.Count(samples.Length)}.", nameof(samples));
        _samples = samples;
        _labels = labels;
        _sampleShape = sampleShape.ToArray();
        SampleLength = (int)sampleLength;
    }

    /// <summary>The number of samples.</summary>
    public int Count => _labels.Length;

    /// <summary>Floats in one sample: the product of <see cref="SampleShape"/>.</summary>
    public int SampleLength { get; }

    /// <summary>The shape of one sample, channels first (for example 1, 28, 28).</summary>
    public ReadOnlySpan<int> SampleShape => _sampleShape;

    /// <summary>All samples, back to back: <c>Count × SampleLength</c> floats.</summary>
    public ReadOnlySpan<float> Samples => _samples;

    /// <summary>All labels, one per sample.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The <see cref="SampleLength"/> floats of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Sample(int index)
    {
        CheckIndex(index);
        return new ReadOnlySpan<float>(_samples, index * SampleLength, SampleLength);
    }

    /// <summary>The class label of sample <paramref name="index"/>.</summary>
    public int Label(int index)
    {
        CheckIndex(index);
        return _labels[index];
    }

    /// <summary>
    /// Reads an image IDX file and a label IDX file. Pixels are divided by <paramref name="divisor"/>: 255 gives [0, 1]
    /// exactly as torchvision's <c>ToTensor</c> does.
    /// </summary>
    public static Dataset FromIdx(string imagesPath, string labelsPath, float divisor = 255f) =>
        DatasetFromIdx.Create(IdxReader.Read(imagesPath), IdxReader.Read(labelsPath), divisor, imagesPath, labelsPath);

    /// <summary>Builds a data set from IDX arrays already read: images <c>N×H×W</c> become <c>1×H×W</c> samples.</summary>
    public static Dataset FromIdx(IdxArray images, IdxArray labels, float divisor = 255f) =>
        DatasetFromIdx.Create(images, labels, divisor, "the image array", "the label array");

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming the first sample whose label is outside
    /// <c>0 … classCount − 1</c>, so a wrong data set fails before training rather than inside a loss.
    /// </summary>
    public void ValidateLabels(int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        for (int i = 0; i < _labels.Length; i++)
        {
            if ((uint)_labels[i] >= (uint)classCount)
                throw new ArgumentException(
                    $"Label {_labels[i]} of sample {ShapeText.Count(i)} is outside the {classCount} classes 0…{classCount - 1}.", nameof(classCount));
        }
    }

    /// <summary>A copy of samples <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1.</summary>
    public Dataset Subset(int start, int count)
    {
        if (start < 0 || count < 0 || (long)start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count),
                $"Samples {start} to {(long)start + count - 1} (start {start}, count {count}) are not within the {ShapeText.Count(Count)} samples of the data set.");
        var samples = _samples.AsSpan(start * SampleLength, count * SampleLength).ToArray();
        var labels = _labels.AsSpan(start, count).ToArray();
        return new Dataset(samples, labels, _sampleShape);
    }

    /// <summary>A copy of the first <paramref name="count"/> samples; asking for more than <see cref="Count"/> is an error, not a shorter set.</summary>
    public Dataset Take(int count) => Subset(0, count);

    /// <summary>A copy of the samples at <paramref name="indices"/>, in that order.</summary>
    public Dataset Select(ReadOnlySpan<int> indices)
    {
        var samples = new float[(long)indices.Length * SampleLength];
        var labels = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            CheckIndex(indices[i]);
            Sample(indices[i]).CopyTo(samples.AsSpan(i * SampleLength, SampleLength));
            labels[i] = _labels[indices[i]];
        }
        return new Dataset(samples, labels, _sampleShape);
    }

    /// <summary>
    /// Splits into a training and a validation part: round(Count × <paramref name="validationFraction"/>) samples chosen
    /// by a seeded shuffle go to validation, the rest to training; both keep this set's order. Same seed, same split.
    /// </summary>
    public (Dataset Train, Dataset Validation) Split(double validationFraction, ulong seed)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be between 0 and 1, exclusive.");
        int validationCount = (int)Math.Round(Count * validationFraction, MidpointRounding.AwayFromZero);
        if (validationCount < 1 || validationCount > Count - 1)
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction,
                $"A fraction of {validationFraction} of {ShapeText.Count(Count)} samples gives {validationCount} for validation; both parts need at least one sample.");
        var order = new int[Count];
        Shuffling.FillIdentity(order);
        Shuffling.Shuffle(order, new SeededRandom(seed));
        var validation = order.AsSpan(0, validationCount);
        var train = order.AsSpan(validationCount);
        validation.Sort();
        train.Sort();
        return (Select(train), Select(validation));
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The data set has {ShapeText.Count(Count)} samples.");
    }
}
