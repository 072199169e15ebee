namespace CnnCompiler;

/// <summary>
/// Where <see cref="TrainingRun"/> takes its mini-batches from: <see cref="EpochBatches"/> (a <see cref="Dataset"/> in
/// memory) or <see cref="ImageBatchLoader"/> (an image folder decoded on worker threads). Each epoch's order is drawn
/// from <see cref="Random"/> in <see cref="BeginEpoch"/>, so its state is all a checkpoint needs.
/// </summary>
internal interface IBatchSource
{
    int BatchSize { get; }

    SeededRandom Random { get; }

    int BatchesPerEpoch { get; }

    /// <summary>The current batch's samples (the first <c>count × SampleLength</c> floats).</summary>
    float[] Inputs { get; }

    /// <summary>The current batch's labels (the first <c>count</c>).</summary>
    int[] Labels { get; }

    /// <summary>Shuffles for epoch <paramref name="epoch"/> (from 1) and starts serving it.</summary>
    void BeginEpoch(int epoch);

    /// <summary>Fills <see cref="Inputs"/> and <see cref="Labels"/> with the next batch; returns its size, 0 at the end of the epoch.</summary>
    int Next();
}
