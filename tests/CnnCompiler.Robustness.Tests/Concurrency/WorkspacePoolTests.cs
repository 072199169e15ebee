using CnnCompiler.CompilerServices;

namespace CnnCompiler.Robustness.Tests.Concurrency;

/// <summary>The inference workspace pool keeps as many workspaces as callers it has seen at once, and never hands one out twice.</summary>
public class WorkspacePoolTests
{
    [Fact]
    public void More_callers_than_slots_are_kept_after_the_first_wave()
    {
        int created = 0;
        var pool = new WorkspacePool<object>(() => { created++; return new object(); }, slots: 2);
        var first = Enumerable.Range(0, 9).Select(_ => pool.Rent()).ToList();
        first.ForEach(pool.Return);
        Assert.Equal(9, created);
        Assert.True(pool.Capacity >= 9);
        var second = Enumerable.Range(0, 9).Select(_ => pool.Rent()).ToList();
        Assert.Equal(9, created);
        Assert.Equal(9, second.Distinct().Count());
        Assert.Equal(first.ToHashSet(), second.ToHashSet());
    }

    [Fact]
    public void Concurrent_rent_and_return_never_share_a_workspace()
    {
        var pool = new WorkspacePool<int[]>(() => new int[1], slots: 1);
        var errors = 0;
        var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            for (int i = 0; i < 20_000; i++)
            {
                int[] item = pool.Rent();
                if (Interlocked.Increment(ref item[0]) != 1) Interlocked.Increment(ref errors);
                Thread.SpinWait(20);
                Interlocked.Decrement(ref item[0]);
                pool.Return(item);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(0, errors);
        Assert.True(pool.Capacity <= 32, $"capacity {pool.Capacity}");
    }
}
