namespace CnnCompiler;

/// <summary>
/// What the workers of one training step share to compute batch-wide statistics (BatchNorm over the whole mini-batch,
/// not per worker): a region of double slots per worker and a barrier. Each worker writes its partial sums into its own
/// region, waits, then every worker reduces all regions in worker order, so every worker gets the same result.
/// </summary>
public sealed class SyncGroup
{
    private readonly double[] _slots;
    private readonly Barrier _barrier;

    public SyncGroup(int workers, int slotsPerWorker)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(slotsPerWorker);
        Workers = workers;
        SlotsPerWorker = slotsPerWorker;
        _slots = new double[workers * slotsPerWorker];
        _barrier = new Barrier(workers);
    }

    public int Workers { get; }

    public int SlotsPerWorker { get; }

    /// <summary>The slots of one worker, starting at <paramref name="offset"/> within its region.</summary>
    public Span<double> Slots(int worker, int offset, int length) => _slots.AsSpan(worker * SlotsPerWorker + offset, length);

    /// <summary>Blocks until every worker has arrived.</summary>
    public void Wait() => _barrier.SignalAndWait();
}
