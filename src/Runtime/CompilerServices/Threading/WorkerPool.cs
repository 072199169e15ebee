using System.ComponentModel;
using System.Runtime.ExceptionServices;

namespace CnnCompiler.CompilerServices;

/// <summary>A piece of data-parallel work: <see cref="Execute"/> runs once per worker, worker 0 on the calling thread.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IParallelWork
{
    void Execute(int worker);
}

/// <summary>
/// A fixed set of dedicated background threads that run one <see cref="IParallelWork"/> at a time. Unlike
/// Parallel.For it allocates nothing per run (no delegates, closures or tasks), so training steps stay allocation-free.
/// One pool per thread count is shared by every network; runs from different callers take turns.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkerPool
{
    private static readonly Dictionary<int, WorkerPool> SharedPools = [];
    private static readonly Lock SharedLock = new();

    private readonly Lock _runLock = new();
    private readonly SemaphoreSlim[] _start;
    private readonly CountdownEvent _done;
    /// <summary>Per worker thread (index worker − 1): what it allocated from the end of its previous share to the end of this one.</summary>
    private readonly long[] _allocated;
    private IParallelWork? _work;
    private Exception? _error;

    [ThreadStatic]
    private static bool t_insideWork;

    [ThreadStatic]
    private static long t_workerBytes;

    /// <summary>
    /// Whether the current thread is running a worker's share of some pool's work. Work that would fan out again (a
    /// batched Predict called from a training worker) runs on its own thread instead: a pool runs one work at a time.
    /// </summary>
    public static bool IsInsideWork => t_insideWork;

    private WorkerPool(int threads)
    {
        Threads = threads;
        _start = new SemaphoreSlim[threads - 1];
        _allocated = new long[threads - 1];
        _done = new CountdownEvent(1);
        // The first wait on the event that has to block creates its lock: 88 bytes on the waiting thread, which would
        // otherwise be the first training step or Predict that finds a worker still busy, however late that comes. One
        // blocking wait of a millisecond here does it once, when the pool is made.
        _done.Wait(1);
        for (int i = 1; i < threads; i++)
        {
            _start[i - 1] = new SemaphoreSlim(0);
            int worker = i;
            var thread = new Thread(() => Loop(worker)) { IsBackground = true, Name = $"CnnCompiler worker {worker}/{threads}" };
            thread.Start();
        }
    }

    /// <summary>Workers in the pool, the calling thread included.</summary>
    public int Threads { get; }

    /// <summary>
    /// Bytes that the pools' own worker threads allocated for the runs this thread started with <see cref="Run"/>, since
    /// the thread's first run: each run is charged everything its workers allocated from the end of their previous share
    /// to the end of this one (the wait for work included). Worker 0 runs on the calling thread, so its share is in
    /// <see cref="GC.GetAllocatedBytesForCurrentThread"/>; the sum of the two is every byte a call allocated on the threads
    /// the library runs it on, whatever other threads of the process (the JIT's, the finalizer, other callers) allocate
    /// at the same time. Reading it allocates nothing.
    /// </summary>
    public static long AllocatedBytesForCurrentThread => t_workerBytes;

    /// <summary>The pool with <paramref name="threads"/> workers (created on first use, then reused).</summary>
    public static WorkerPool Shared(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        lock (SharedLock)
        {
            if (!SharedPools.TryGetValue(threads, out WorkerPool? pool)) SharedPools[threads] = pool = new WorkerPool(threads);
            return pool;
        }
    }

    /// <summary>Runs <paramref name="work"/> on every worker and returns when all are done; rethrows the first failure.</summary>
    public void Run(IParallelWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (t_insideWork) throw new InvalidOperationException("WorkerPool.Run was called from inside a worker's share of another run; run nested work on the calling thread (see IsInsideWork).");
        lock (_runLock)
        {
            _work = work;
            _error = null;
            if (_start.Length > 0) _done.Reset(_start.Length);
            foreach (SemaphoreSlim start in _start) start.Release();
            t_insideWork = true;
            try
            {
                work.Execute(0);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            finally
            {
                t_insideWork = false;
            }
            if (_start.Length > 0)
            {
                _done.Wait();
                long allocated = 0;
                foreach (long bytes in _allocated) allocated += bytes;
                t_workerBytes += allocated;
            }
            _work = null;
            if (_error is { } error) ExceptionDispatchInfo.Throw(error);
        }
    }

    private void Loop(int worker)
    {
        t_insideWork = true;
        SemaphoreSlim start = _start[worker - 1];
        long seen = GC.GetAllocatedBytesForCurrentThread();
        while (true)
        {
            start.Wait();
            try
            {
                _work!.Execute(worker);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            finally
            {
                // Published before the signal, read by Run after its wait: the countdown orders the two.
                long now = GC.GetAllocatedBytesForCurrentThread();
                _allocated[worker - 1] = now - seen;
                seen = now;
                _done.Signal();
            }
        }
    }
}
