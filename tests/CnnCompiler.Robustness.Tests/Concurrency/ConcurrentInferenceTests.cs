using CnnCompiler.CompilerServices;
using System.Runtime.InteropServices;

namespace CnnCompiler.Robustness.Tests.Concurrency;

/// <summary>
/// One LeNet-5 instance shared by many threads: every Predict and Classify (one sample or a small batch) gives bitwise
/// the single-threaded result, and allocates nothing once warm.
/// </summary>
public class ConcurrentInferenceTests
{
    private const int In = LeNet5.InputLength;
    private const int Out = LeNet5.OutputLength;
    private const int Threads = 8;
    private const int Images = 64;
    private const int Batch = 3;

    /// <summary>What one call computes single-threaded: a call kind (0–3) on the images starting at an index.</summary>
    private sealed class Reference
    {
        public readonly float[] Pixels = Samples.Inputs(Images, In, 2024);
        public readonly float[][] Single = new float[Images][];
        public readonly float[][] Batched = new float[Images - Batch + 1][];
        public readonly int[] SingleClass = new int[Images];
        public readonly int[][] BatchedClass = new int[Images - Batch + 1][];

        public Reference(LeNet5 net)
        {
            for (int i = 0; i < Images; i++)
            {
                Single[i] = new float[Out];
                net.Predict(Image(i, 1), Single[i]);
                SingleClass[i] = net.Classify(Image(i, 1));
            }
            for (int i = 0; i < Batched.Length; i++)
            {
                Batched[i] = new float[Batch * Out];
                net.Predict(Image(i, Batch), Batched[i]);
                BatchedClass[i] = new int[Batch];
                net.Classify(Image(i, Batch), BatchedClass[i]);
            }
        }

        public ReadOnlySpan<float> Image(int index, int count) => Pixels.AsSpan(index * In, count * In);
    }

    /// <summary>Runs call <paramref name="i"/> of a thread's sequence and returns whether it matched the reference bitwise.</summary>
    private static bool Call(LeNet5 net, Reference reference, int thread, int i, float[] outputs, int[] labels)
    {
        int kind = (i + thread) % 4;
        int index = (i * 7 + thread * 13) % (Images - Batch + 1);
        switch (kind)
        {
            case 0:
                net.Predict(reference.Image(index, 1), outputs.AsSpan(0, Out));
                return Bits.Same(reference.Single[index], outputs.AsSpan(0, Out));
            case 1:
                return net.Classify(reference.Image(index, 1)) == reference.SingleClass[index];
            case 2:
                net.Predict(reference.Image(index, Batch), outputs);
                return Bits.Same(reference.Batched[index], outputs);
            default:
                net.Classify(reference.Image(index, Batch), labels);
                return labels.AsSpan().SequenceEqual(reference.BatchedClass[index]);
        }
    }

    [Fact]
    public void Eight_threads_get_bitwise_the_single_threaded_results()
    {
        const int callsPerThread = 3000;
        var net = new LeNet5(42);
        var reference = new Reference(net);
        var mismatches = new int[Threads];
        var errors = new Exception?[Threads];
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try
            {
                var outputs = new float[Batch * Out];
                var labels = new int[Batch];
                start.SignalAndWait();
                for (int i = 0; i < callsPerThread; i++)
                {
                    if (!Call(net, reference, t, i, outputs, labels)) mismatches[t]++;
                }
            }
            catch (Exception e)
            {
                errors[t] = e;
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        Assert.All(errors, e => Assert.Null(e));
        Assert.Equal(new int[Threads], mismatches);
    }

    [Fact]
    public void Eight_threads_allocate_nothing_once_warm()
    {
        // The workspace pool grows with the concurrency it sees, and on two cores eight threads need not all be inside
        // a call at once during the warm-up. So: rounds of 600 calls per thread, measured per thread, until a round
        // allocates nothing at all; growth before that must be whole workspaces for new concurrency, never per call.
        const int warmup = 300, measured = 600, rounds = 8;
        var net = new LeNet5(42);
        var reference = new Reference(net);
        var allocated = new long[rounds, Threads];
        var mismatches = new int[Threads];
        var errors = new Exception?[Threads];
        int quietRound = -1;
        using var barrier = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try
            {
                var outputs = new float[Batch * Out];
                var labels = new int[Batch];
                for (int i = 0; i < warmup; i++) Call(net, reference, t, i, outputs, labels);
                for (int round = 0; round < rounds; round++)
                {
                    barrier.SignalAndWait();
                    if (Volatile.Read(ref quietRound) >= 0) break;
                    // This thread and the worker pool's threads when they run this thread's batched calls.
                    long before = GC.GetAllocatedBytesForCurrentThread() + WorkerPool.AllocatedBytesForCurrentThread;
                    for (int i = 0; i < measured; i++)
                    {
                        if (!Call(net, reference, t, i, outputs, labels)) mismatches[t]++;
                    }
                    allocated[round, t] = GC.GetAllocatedBytesForCurrentThread() + WorkerPool.AllocatedBytesForCurrentThread - before;
                    barrier.SignalAndWait();
                    if (t == 0 && Enumerable.Range(0, Threads).All(k => allocated[round, k] == 0)) Volatile.Write(ref quietRound, round);
                }
            }
            catch (Exception e)
            {
                errors[t] = e;
                barrier.RemoveParticipant();
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        Assert.All(errors, e => Assert.Null(e));
        Assert.Equal(new int[Threads], mismatches);
        Assert.True(quietRound >= 0, $"every one of {rounds} rounds allocated: {string.Join(", ", Enumerable.Range(0, rounds).Select(r => Enumerable.Range(0, Threads).Sum(k => allocated[r, k])))} bytes");
        // Before the quiet round: at most one workspace per thread in all (the pool reaching the concurrency), not per call.
        long grown = Enumerable.Range(0, quietRound).Sum(r => Enumerable.Range(0, Threads).Sum(k => allocated[r, k]));
        Assert.True(grown <= Threads * 3_000_000L, $"{grown} bytes allocated before the pool settled");
    }
}
