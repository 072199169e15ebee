namespace CnnCompiler;

/// <summary>
/// A lock-free pool of per-call workspaces, so that many threads may run inference on one network at once
/// without allocating in steady state: a caller takes a free slot's workspace or, when all are in use,
/// creates one (this happens only while concurrency grows).
/// </summary>
public sealed class WorkspacePool<T> where T : class
{
    private readonly T?[] _slots;
    private readonly Func<T> _create;

    public WorkspacePool(Func<T> create, int slots = 0)
    {
        _create = create ?? throw new ArgumentNullException(nameof(create));
        _slots = new T?[slots > 0 ? slots : Math.Max(4, Environment.ProcessorCount * 2)];
    }

    /// <summary>Takes a workspace; give it back with <see cref="Return"/>.</summary>
    public T Rent()
    {
        T?[] slots = _slots;
        for (int i = 0; i < slots.Length; i++)
        {
            T? item = Volatile.Read(ref slots[i]);
            if (item is not null && Interlocked.CompareExchange(ref slots[i], null, item) == item) return item;
        }
        return _create();
    }

    /// <summary>Gives a workspace back; when every slot is full it is left to the garbage collector.</summary>
    public void Return(T item)
    {
        T?[] slots = _slots;
        for (int i = 0; i < slots.Length; i++)
        {
            if (Volatile.Read(ref slots[i]) is null && Interlocked.CompareExchange(ref slots[i], item, null) is null) return;
        }
    }
}
