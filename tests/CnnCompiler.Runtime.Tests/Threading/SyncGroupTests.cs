using CnnCompiler.CompilerServices;

using Xunit;

namespace CnnCompiler.Runtime.Tests.Threading;

/// <summary>The spinning barrier BatchNorm's workers meet at: every worker sees every other's slots after Wait, round after round.</summary>
public sealed class SyncGroupTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)] // more workers than this machine's cores: waiting workers must yield, not starve the others
    public void Every_worker_sees_all_slots_written_before_the_barrier(int workers)
    {
        const int Rounds = 2000;
        var sync = new SyncGroup(workers, slotsPerWorker: 1);
        var failures = new int[workers];
        var threads = Enumerable.Range(0, workers).Select(worker => new Thread(() =>
        {
            for (int round = 0; round < Rounds; round++)
            {
                sync.Slots(worker, 0, 1)[0] = round * 100.0 + worker;
                sync.Wait();
                for (int other = 0; other < workers; other++)
                {
                    if (sync.Slots(other, 0, 1)[0] != round * 100.0 + other) failures[worker]++;
                }
                // A second meeting before the slots are written again, as BatchNorm's forward and backward regions are.
                sync.Wait();
            }
        })).ToArray();
        foreach (Thread thread in threads) thread.Start();
        foreach (Thread thread in threads) Assert.True(thread.Join(TimeSpan.FromSeconds(60)), "a worker never got past the barrier");
        Assert.All(failures, count => Assert.Equal(0, count));
    }

    [Fact]
    public void A_failed_worker_aborts_the_barrier_instead_of_leaving_the_others_waiting()
    {
        var sync = new SyncGroup(3, slotsPerWorker: 1);
        var outcomes = new Exception?[2];
        var waiting = Enumerable.Range(0, 2).Select(worker => new Thread(() =>
        {
            try { sync.Wait(); }
            catch (Exception e) { outcomes[worker] = e; }
        })).ToArray();
        foreach (Thread thread in waiting) thread.Start();
        Thread.Sleep(50); // both are spinning now; the third worker "fails" instead of arriving
        sync.Abort();
        foreach (Thread thread in waiting) Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "a waiting worker did not stop");
        Assert.All(outcomes, e => Assert.Contains("Another worker of this training step failed", Assert.IsType<OperationCanceledException>(e).Message));
        Assert.True(sync.IsAborted);
        Assert.Throws<OperationCanceledException>(() => sync.Wait()); // and nobody waits on it again
    }

    [Fact]
    public void Invalid_sizes_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyncGroup(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyncGroup(2, -1));
    }
}
