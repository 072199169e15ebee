namespace CnnCompiler;

/// <summary>
/// Serves one epoch of shuffled mini-batches into writable buffers (augmentation transforms them in place). Each epoch
/// shuffles the identity permutation with <see cref="Random"/>, so the generator's <see cref="SeededRandom.State"/> is
/// all a checkpoint needs to continue the sequence. Nothing is allocated after construction.
/// </summary>
internal sealed class EpochBatches : IBatchSource
{
    private readonly Dataset _data;
    private readonly int[] _order;
    private int _position;

    public EpochBatches(Dataset data, int batchSize, SeededRandom random)
    {
        _data = data;
        BatchSize = batchSize;
        Random = random;
        _order = new int[data.Count];
        Inputs = new float[batchSize * data.SampleLength];
        Labels = new int[batchSize];
    }

    public int BatchSize { get; }

    public SeededRandom Random { get; }

    public int BatchesPerEpoch => (_data.Count + BatchSize - 1) / BatchSize;

    /// <summary>The current batch's samples (the first <c>count × SampleLength</c> floats).</summary>
    public float[] Inputs { get; }

    /// <summary>The current batch's labels (the first <c>count</c>).</summary>
    public int[] Labels { get; }

    public void BeginEpoch(int epoch)
    {
        Shuffling.FillIdentity(_order);
        Shuffling.Shuffle(_order, Random);
        _position = 0;
    }

    /// <summary>Copies the next batch into <see cref="Inputs"/> and <see cref="Labels"/>; returns its size, 0 at the end of the epoch.</summary>
    public int Next()
    {
        int count = Math.Min(BatchSize, _order.Length - _position);
        int length = _data.SampleLength;
        ReadOnlySpan<float> samples = _data.Samples;
        ReadOnlySpan<int> labels = _data.Labels;
        for (int i = 0; i < count; i++)
        {
            int index = _order[_position + i];
            samples.Slice(index * length, length).CopyTo(Inputs.AsSpan(i * length, length));
            Labels[i] = labels[index];
        }
        _position += count;
        return count;
    }
}
