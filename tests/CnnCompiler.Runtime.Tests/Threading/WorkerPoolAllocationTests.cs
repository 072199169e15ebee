using CnnCompiler.CompilerServices;
using Xunit;

namespace CnnCompiler.Runtime.Tests.Threading;

/// <summary>
/// <see cref="WorkerPool.AllocatedBytesForCurrentThread"/> charges what the pool's own threads allocate to the thread
/// that started the run, so allocation checks can cover the library's threads without counting the rest of the process
/// (the JIT's and the finalizer's threads allocate on their own schedule).
/// </summary>
public sealed class WorkerPoolAllocationTests
{
    // A thread count no other test in this assembly uses, so the pool's workers run only these tests' work.
    private const int Threads = 3;

    private sealed class AllocatingWork(int bytesPerWorker) : IParallelWork
    {
        public readonly byte[]?[] Kept = new byte[]?[Threads];

        public void Execute(int worker) => Kept[worker] = new byte[bytesPerWorker];
    }

    private sealed class SummingWork : IParallelWork
    {
        public readonly long[] Sums = new long[Threads];

        public void Execute(int worker)
        {
            long sum = 0;
            for (int i = 0; i < 1000; i++) sum += i * (worker + 1);
            Sums[worker] = sum;
        }
    }

    [Fact]
    public void What_the_workers_allocate_is_charged_to_the_caller_and_not_to_its_own_thread_counter()
    {
        const int Bytes = 100_000;
        WorkerPool pool = WorkerPool.Shared(Threads);
        var work = new AllocatingWork(Bytes);
        pool.Run(work); // first run: the workers' wait objects and so on

        long workers0 = WorkerPool.AllocatedBytesForCurrentThread, caller0 = GC.GetAllocatedBytesForCurrentThread();
        pool.Run(work);
        long workers = WorkerPool.AllocatedBytesForCurrentThread - workers0, caller = GC.GetAllocatedBytesForCurrentThread() - caller0;

        // Workers 1 and 2 each allocated one array of Bytes (plus its header); worker 0, the caller, one more.
        Assert.InRange(workers, 2L * Bytes, 2L * Bytes + 4096);
        Assert.InRange(caller, Bytes, Bytes + 4096);
        Assert.All(work.Kept, array => Assert.Equal(Bytes, array!.Length));
    }

    [Fact]
    public void Work_that_allocates_nothing_is_charged_nothing_while_another_thread_runs_allocating_work_on_the_same_pool()
    {
        WorkerPool pool = WorkerPool.Shared(Threads);
        using var stop = new ManualResetEventSlim();
        long otherCharged = 0;
        var other = new Thread(() =>
        {
            var allocating = new AllocatingWork(10_000);
            while (!stop.IsSet) pool.Run(allocating);
            otherCharged = WorkerPool.AllocatedBytesForCurrentThread;
        });
        other.Start();

        var summing = new SummingWork();
        for (int i = 0; i < 200; i++) pool.Run(summing); // warm-up: JIT, the workers' first waits after the other caller's runs
        // Runs of the two callers interleave; ours are charged only what the workers allocate for our runs. The wait
        // before a run is charged to that run, so a window is clean once the workers' waits have warmed up: the first of
        // ten clean windows passes, an allocation in our runs would show in every one.
        var windows = new List<long>();
        for (int window = 0; window < 10; window++)
        {
            long before = WorkerPool.AllocatedBytesForCurrentThread;
            for (int i = 0; i < 500; i++) pool.Run(summing);
            windows.Add(WorkerPool.AllocatedBytesForCurrentThread - before);
            if (windows[^1] == 0) break;
        }
        stop.Set();
        other.Join();

        Assert.Equal(0, windows[^1]);
        Assert.True(otherCharged >= 2L * 10_000, $"the allocating caller was charged {otherCharged} bytes");
        Assert.Equal(Enumerable.Range(0, Threads).Select(w => 499_500L * (w + 1)), summing.Sums);
    }

    private sealed class SleepingWork : IParallelWork
    {
        public void Execute(int worker)
        {
            if (worker == 1) Thread.Sleep(50);
        }
    }

    [Fact]
    public void The_first_run_that_has_to_wait_for_a_worker_allocates_nothing_on_the_caller()
    {
        // However late it comes, the first time a caller finds a worker still busy, it blocks on the pool's event for
        // the first time; that must not allocate (the event's lock is made with the pool).
        var work = new SleepingWork();
        WorkerPool.Shared(Threads).Run(work); // JIT
        WorkerPool fresh = WorkerPool.Shared(4); // no other test uses four threads
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        long before = GC.GetAllocatedBytesForCurrentThread();
        fresh.Run(work);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds >= 40, "the caller did not wait for the sleeping worker");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_pool_of_one_thread_has_no_workers_to_charge()
    {
        WorkerPool pool = WorkerPool.Shared(1);
        long before = WorkerPool.AllocatedBytesForCurrentThread;
        var work = new AllocatingWork(1000);
        pool.Run(work);
        Assert.Equal(before, WorkerPool.AllocatedBytesForCurrentThread);
        Assert.NotNull(work.Kept[0]);
    }
}
