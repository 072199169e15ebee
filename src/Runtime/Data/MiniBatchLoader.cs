namespace CnnCompiler;

/// <summary>
/// Serves a <see cref="Dataset"/> in seeded, shuffled mini-batches. All buffers are allocated here, so
/// producing a batch allocates nothing. Each epoch reshuffles with the loader's own <see cref="SeededRandom"/>,
/// so a seed fixes the order of every epoch. Usage: <c>while (loader.TryGetNext(out var batch)) …</c> once per epoch.
/// </summary>
public sealed class MiniBatchLoader
{
    private readonly Dataset _data;
    private readonly SeededRandom _random;
    private readonly int[] _order;
    private readonly float[] _inputs;
    private readonly int[] _labels;
    private int _position;
    private bool _inEpoch;

    /// <param name="data">The samples to serve.</param>
    /// <param name="batchSize">Samples per batch, 1 … data.Count.</param>
    /// <param name="seed">Seeds the shuffles.</param>
    /// <param name="shuffle">False serves samples in data-set order every epoch (for evaluation).</param>
    /// <param name="dropLast">True skips the last batch of an epoch when it would hold fewer than <paramref name="batchSize"/> samples.</param>
    public MiniBatchLoader(Dataset data, int batchSize, ulong seed, bool shuffle = true, bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize < 1 || batchSize > data.Count)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize,
                $"The batch size must be between 1 and the data set's {ShapeText.Count(data.Count)} samples.");
        _data = data;
        _random = new SeededRandom(seed);
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        _order = new int[data.Count];
        Shuffling.FillIdentity(_order);
        _inputs = new float[batchSize * data.SampleLength];
        _labels = new int[batchSize];
    }

    public int BatchSize { get; }

    public bool Shuffle { get; }

    public bool DropLast { get; }

    /// <summary>Batches in one epoch.</summary>
    public int BatchesPerEpoch => DropLast ? _data.Count / BatchSize : (_data.Count + BatchSize - 1) / BatchSize;

    /// <summary>Epochs begun so far: 0 before the first batch, 1 during the first epoch, and so on.</summary>
    public int Epoch { get; private set; }

    /// <summary>
    /// Copies the next batch of the current epoch into the loader's buffers. Returns false once the epoch is
    /// exhausted; the call after that begins a new, reshuffled epoch.
    /// </summary>
    public bool TryGetNext(out MiniBatch batch)
    {
        if (!_inEpoch) BeginEpoch();
        int remaining = _order.Length - _position;
        int count = Math.Min(BatchSize, remaining);
        if (count == 0 || (DropLast && count < BatchSize))
        {
            _inEpoch = false;
            batch = default;
            return false;
        }
        int sampleLength = _data.SampleLength;
        ReadOnlySpan<int> indices = _order.AsSpan(_position, count);
        ReadOnlySpan<float> samples = _data.Samples;
        ReadOnlySpan<int> labels = _data.Labels;
        for (int i = 0; i < count; i++)
        {
            int index = indices[i];
            samples.Slice(index * sampleLength, sampleLength).CopyTo(_inputs.AsSpan(i * sampleLength, sampleLength));
            _labels[i] = labels[index];
        }
        _position += count;
        batch = new MiniBatch(_inputs.AsSpan(0, count * sampleLength), _labels.AsSpan(0, count), indices);
        return true;
    }

    /// <summary>Abandons the rest of the current epoch: the next <see cref="TryGetNext"/> begins a new one.</summary>
    public void EndEpoch() => _inEpoch = false;

    private void BeginEpoch()
    {
        // Shuffling the previous permutation rather than the identity still gives a uniform permutation,
        // and keeps the whole sequence a function of the seed alone.
        if (Shuffle) Shuffling.Shuffle(_order, _random);
        _position = 0;
        _inEpoch = true;
        Epoch++;
    }
}
