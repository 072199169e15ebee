namespace CnnCompiler;

/// <summary>
/// One mini-batch: <see cref="Count"/> samples copied back to back into the loader's buffers, with their labels and
/// their indices in the data set. The spans are views of those buffers, valid until the loader's next batch.
/// </summary>
public readonly ref struct MiniBatch
{
    public MiniBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, ReadOnlySpan<int> indices)
    {
        Inputs = inputs;
        Labels = labels;
        Indices = indices;
    }

    /// <summary><c>Count × SampleLength</c> floats, sample after sample.</summary>
    public ReadOnlySpan<float> Inputs { get; }

    /// <summary>One label per sample.</summary>
    public ReadOnlySpan<int> Labels { get; }

    /// <summary>Where each sample sits in the data set.</summary>
    public ReadOnlySpan<int> Indices { get; }

    /// <summary>The number of samples: the batch size, or fewer for the last batch of an epoch.</summary>
    public int Count => Labels.Length;
}
