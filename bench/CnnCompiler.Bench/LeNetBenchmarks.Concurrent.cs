using CnnCompiler.CompilerServices;
using System.Diagnostics;
using System.Runtime.InteropServices;
using CnnCompiler.Bench.Networks;

namespace CnnCompiler.Bench;

internal sealed partial class LeNetBenchmarks
{
    /// <summary>Test images whose single-threaded outputs every concurrent call is checked against.</summary>
    private const int ConcurrentImages = 512;

    /// <summary>
    /// concurrent: throughput of single-sample Predict on ONE shared network from 1, 2 and 8 (or --callers) threads at
    /// once, each thread on its own images. Every output is compared bitwise with the single-threaded one, and each
    /// thread's allocations are counted over the timed part (must be 0). Returns false on a mismatch or an allocation.
    /// </summary>
    public bool Concurrent()
    {
        BenchLeNet5 network = CreateNetwork();
        int length = BenchLeNet5.InputLength, outputs = BenchLeNet5.OutputLength;
        int images = Math.Min(ConcurrentImages, _test.Count);
        float[] inputs = _test.Samples[..(images * length)].ToArray();
        var reference = new float[images * outputs];
        for (int i = 0; i < images; i++) network.Predict(inputs.AsSpan(i * length, length), reference.AsSpan(i * outputs, outputs));

        double seconds = _options.Seconds ?? (_options.Quick ? 1.0 : 3.0);
        int warmupCalls = _options.Warmup ?? (_options.Quick ? 300 : 2000);
        bool ok = true;
        foreach (int callers in _options.Callers ?? [1, 2, 8])
        {
            var calls = new long[callers];
            var allocated = new long[callers];
            var mismatches = new long[callers];
            using var start = new Barrier(callers);
            using var warm = new Barrier(callers + 1);
            using var timed = new Barrier(callers + 1);
            var stop = new ManualResetEventSlim();
            var threads = new Thread[callers];
            for (int c = 0; c < callers; c++)
            {
                int caller = c;
                threads[c] = new Thread(() =>
                {
                    var output = new float[outputs];
                    int index = caller * 61 % images;
                    bool Call()
                    {
                        network.Predict(inputs.AsSpan(index * length, length), output);
                        bool same = MemoryMarshal.AsBytes(output.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(reference.AsSpan(index * outputs, outputs)));
                        index = (index + 1) % images;
                        return same;
                    }
                    // Warm up all callers at once, for a number of calls and a minimum time, so that tiered compilation
                    // has settled and the network's workspace pool has grown to this many callers before timing.
                    start.SignalAndWait();
                    var clock = Stopwatch.StartNew();
                    for (int i = 0; i < warmupCalls || clock.Elapsed.TotalSeconds < MinimumWarmupSeconds; i++) Call();
                    warm.SignalAndWait();
                    timed.SignalAndWait();
                    long before = GC.GetAllocatedBytesForCurrentThread() + WorkerPool.AllocatedBytesForCurrentThread;
                    long n = 0, wrong = 0;
                    while (!stop.IsSet)
                    {
                        for (int k = 0; k < 16; k++)
                        {
                            if (!Call()) wrong++;
                        }
                        n += 16;
                    }
                    allocated[caller] = GC.GetAllocatedBytesForCurrentThread() + WorkerPool.AllocatedBytesForCurrentThread - before;
                    calls[caller] = n;
                    mismatches[caller] = wrong;
                }) { IsBackground = true, Name = $"bench caller {caller}" };
                threads[c].Start();
            }
            warm.SignalAndWait();
            long process0 = GC.GetTotalAllocatedBytes(precise: true);
            CpuMark mark = CpuMark.Now();
            var clock = Stopwatch.StartNew();
            timed.SignalAndWait();
            Thread.Sleep(TimeSpan.FromSeconds(seconds));
            stop.Set();
            foreach (Thread thread in threads) thread.Join();
            double elapsed = clock.Elapsed.TotalSeconds;
            var (otherLoad, coresUsed) = mark.Since();
            long processBytes = GC.GetTotalAllocatedBytes(precise: true) - process0;

            long total = calls.Sum();
            double perCall = total == 0 ? double.NaN : (double)allocated.Sum() / total;
            new ResultLine("lenet_concurrent").Add("callers", callers).Add("img_per_s", total / elapsed, 0)
                .Add("per_caller_img_per_s", total / elapsed / callers, 0).Add("calls", total)
                .Add("allocated_bytes_per_call", perCall, 2).Add("process_bytes_per_call", total == 0 ? double.NaN : (double)processBytes / total, 2)
                .Add("mismatches", mismatches.Sum()).Add("seconds", elapsed, 2).Add("cores_used", coresUsed, 2).Add("other_load", otherLoad, 2).Print();
            if (mismatches.Sum() != 0 || allocated.Sum() != 0)
            {
                Console.WriteLine($"FAIL lenet_concurrent callers={callers}: {mismatches.Sum()} outputs differ from the single-threaded ones, {allocated.Sum()} bytes allocated by the callers (expected 0 and 0).");
                ok = false;
            }
        }
        return ok;
    }
}
