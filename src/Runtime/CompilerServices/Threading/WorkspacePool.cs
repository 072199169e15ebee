using System.ComponentModel;
namespace CnnCompiler.CompilerServices;

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
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkspacePool<T> where T : class
{
    /// <summary>The most workspaces the pool keeps; beyond that a returned workspace is left to the garbage collector.</summary>
    public const int MaxSlots = 1024;

    private readonly Func<T> _create;
    private readonly Lock _growLock = new();
    private T?[][] _blocks;
    private int _slotCount;
    private int _renters;
    private int _created;

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
        // A workspace is created only when there are at least as many callers holding or renting one as there are
        // workspaces. Otherwise one is in a slot or on its way back into one (its caller is inside Return), and the
        // scan is repeated until it is found: creating one then would grow the pool past the concurrency it serves
        // and allocate in steady state.
        int renters = Interlocked.Increment(ref _renters);
        var spin = default(SpinWait);
        while (true)
        {
            foreach (T?[] slots in Volatile.Read(ref _blocks))
            {
                for (int i = 0; i < slots.Length; i++)
                {
                    T? item = Volatile.Read(ref slots[i]);
                    if (item is not null && Interlocked.CompareExchange(ref slots[i], null, item) == item) return item;
                }
            }
            int created = Volatile.Read(ref _created);
            if (created < renters && Interlocked.CompareExchange(ref _created, created + 1, created) == created) break;
            renters = Volatile.Read(ref _renters);
            spin.SpinOnce();
        }
        try
        {
            return _create();
        }
        catch
        {
            Interlocked.Decrement(ref _created);
            Interlocked.Decrement(ref _renters);
            throw;
        }
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
                    if (Volatile.Read(ref slots[i]) is null && Interlocked.CompareExchange(ref slots[i], item, null) is null)
                    {
                        Interlocked.Decrement(ref _renters);
                        return;
                    }
                }
            }
            lock (_growLock)
            {
                // Another caller grew the pool meanwhile: try its new slots first.
                if (!ReferenceEquals(blocks, _blocks)) continue;
                if (_slotCount >= MaxSlots)
                {
                    // Left to the garbage collector: it no longer counts as a workspace of the pool.
                    Interlocked.Decrement(ref _created);
                    Interlocked.Decrement(ref _renters);
                    return;
                }
                var block = new T?[Math.Min(_slotCount, MaxSlots - _slotCount)]; // doubles the pool
                block[0] = item;
                Volatile.Write(ref _blocks, [.. blocks, block]);
                Volatile.Write(ref _slotCount, _slotCount + block.Length);
                Interlocked.Decrement(ref _renters);
                return;
            }
        }
    }
}
