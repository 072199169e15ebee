using System.ComponentModel;
namespace CnnCompiler.CompilerServices;

/// <summary>
/// What the workers of one training step share to compute batch-wide statistics (BatchNorm over the whole mini-batch,
/// not per worker): a region of double slots per worker and a barrier. Each worker writes its partial sums into its own
/// region, waits, then every worker reduces all regions in worker order, so every worker gets the same result.
/// The barrier spins (yielding, never sleeping) instead of blocking: a training step meets it twice per BatchNorm, and a
/// worker that arrives first should resume as soon as the last one arrives, not when the scheduler wakes it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SyncGroup
{
    private readonly double[] _slots;
    private int _remaining;
    private volatile int _phase;
    private volatile bool _aborted;

    public SyncGroup(int workers, int slotsPerWorker)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(slotsPerWorker);
        Workers = workers;
        SlotsPerWorker = slotsPerWorker;
        _slots = new double[workers * slotsPerWorker];
        _remaining = workers;
    }

    public int Workers { get; }

    public int SlotsPerWorker { get; }

    /// <summary>The slots of one worker, starting at <paramref name="offset"/> within its region.</summary>
    public Span<double> Slots(int worker, int offset, int length) => _slots.AsSpan(worker * SlotsPerWorker + offset, length);

    /// <summary>Returns once every worker has arrived (each worker calls it the same number of times).</summary>
    public void Wait()
    {
        int phase = _phase;
        // Interlocked is a full fence: the slots this worker wrote are visible before it counts as arrived.
        if (_aborted) throw new OperationCanceledException("Another worker of this training step failed before reaching the BatchNorm barrier; its exception is the one reported.");
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _remaining = Workers;
            _phase = phase + 1; // volatile write: publishes the reset to the waiters
            return;
        }
        var spinner = new SpinWait();
        while (_phase == phase)
        {
            if (_aborted) throw new OperationCanceledException("Another worker of this training step failed before reaching the BatchNorm barrier; its exception is the one reported.");
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>
    /// Called by a worker that failed: the others stop waiting for it and throw instead of spinning forever. The group
    /// is unusable afterwards (a new step makes a new one).
    /// </summary>
    public void Abort() => _aborted = true;

    /// <summary>Whether <see cref="Abort"/> was called.</summary>
    public bool IsAborted => _aborted;
}
