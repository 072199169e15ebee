namespace CnnCompiler;

/// <summary>
/// A lock-free pool of per-call workspaces, so that many threads may run inference on one network at once
/// without allocating in steady state: a caller takes a free slot's workspace or, when all are in use,
/// creates one (this happens only while concurrency grows).
/// <para>
/// The pool grows with the concurrency it sees: a workspace given back when every slot is full gets a new block of
/// slots (up to <see cref="MaxSlots"/>), so that with more callers than the initial slots (8 threads on a 2-core
/// machine) the extra workspaces are kept rather than dropped and created again on every call. Blocks are only ever
/// added, never moved, so a workspace is in at most one slot and no two callers can rent the same one.
/// </para>
/// </summary>
public sealed class WorkspacePool<T> where T : class
{
    /// <summary>The most workspaces the pool keeps; beyond that a returned workspace is left to the garbage collector.</summary>
    public const int MaxSlots = 1024;

    private readonly Func<T> _create;
    private readonly Lock _growLock = new();
    private T?[][] _blocks;
    private int _slotCount;

    public WorkspacePool(Func<T> create, int slots = 0)
    {
        _create = create ?? throw new ArgumentNullException(nameof(create));
        int initial = Math.Min(MaxSlots, slots > 0 ? slots : Math.Max(4, Environment.ProcessorCount * 2));
        _blocks = [new T?[initial]];
        _slotCount = initial;
    }

    /// <summary>Slots the pool has now (it grows with the number of callers seen at once).</summary>
    public int Capacity => Volatile.Read(ref _slotCount);

    /// <summary>Takes a workspace; give it back with <see cref="Return"/>.</summary>
    public T Rent()
    {
        // Two passes: a workspace given back into a slot that this scan had already passed is found on the second, so
        // that a caller creates a workspace only when the pool is really empty, not when items merely moved meanwhile.
        for (int pass = 0; pass < 2; pass++)
        {
            foreach (T?[] slots in Volatile.Read(ref _blocks))
            {
                for (int i = 0; i < slots.Length; i++)
                {
                    T? item = Volatile.Read(ref slots[i]);
                    if (item is not null && Interlocked.CompareExchange(ref slots[i], null, item) == item) return item;
                }
            }
        }
        return _create();
    }

    /// <summary>Gives a workspace back; when every slot is full the pool grows, up to <see cref="MaxSlots"/>.</summary>
    public void Return(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        while (true)
        {
            T?[][] blocks = Volatile.Read(ref _blocks);
            foreach (T?[] slots in blocks)
            {
                for (int i = 0; i < slots.Length; i++)
                {
                    if (Volatile.Read(ref slots[i]) is null && Interlocked.CompareExchange(ref slots[i], item, null) is null) return;
                }
            }
            lock (_growLock)
            {
                // Another caller grew the pool meanwhile: try its new slots first.
                if (!ReferenceEquals(blocks, _blocks)) continue;
                if (_slotCount >= MaxSlots) return;
                var block = new T?[Math.Min(_slotCount, MaxSlots - _slotCount)]; // doubles the pool
                block[0] = item;
                Volatile.Write(ref _blocks, [.. blocks, block]);
                Volatile.Write(ref _slotCount, _slotCount + block.Length);
                return;
            }
        }
    }
}
