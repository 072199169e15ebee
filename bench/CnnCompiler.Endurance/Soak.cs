using System.Globalization;
using System.Text;

namespace CnnCompiler.Endurance;

internal sealed record SoakSettings
{
    public int Epochs { get; init; } = 30;
    /// <summary>Epochs that warm up (tiered JIT, pools, first-use buffers) and are not held to zero allocations.</summary>
    public int WarmupEpochs { get; init; } = 1;
    public string Net { get; init; } = "lenet5";
    /// <summary>Training images from the start of the shipped subset (all 10,000 by default).</summary>
    public int Samples { get; init; } = 10_000;
    public int Batch { get; init; } = 64;
    public int Threads { get; init; } = 1;
    public int Seed { get; init; } = 42;
    public string? Data { get; init; }
    /// <summary>Allowed growth of the live managed heap from the end of warm-up to the end, in bytes, plus per epoch.</summary>
    public long HeapGrowthAllowance { get; init; } = 256 * 1024;
    public long HeapGrowthPerEpochAllowance { get; init; } = 8 * 1024;
    /// <summary>Allowed growth of the working set from the end of warm-up to the end.</summary>
    public long WorkingSetGrowthAllowance { get; init; } = 32L * 1024 * 1024;
}

/// <summary>One epoch of a soak run. GC counts are cumulative and exclude the full collection the soak forces after every epoch to measure the live heap.</summary>
internal sealed record SoakEpoch(
    int Epoch, double Loss, double? ValidationAccuracy, double Seconds, int Steps,
    long AllocatedBytes, long StepLoopBytes, int StepsMeasured, long MaxStepBytes, long ThreadStepLoopBytes, long MaxThreadStepBytes,
    long HeapBeforeCollect, long LiveHeap, long GcHeapSize, long Committed, int Gen0, int Gen1, int Gen2, long WorkingSet);

internal sealed record SoakReport(SoakSettings Settings, IReadOnlyList<SoakEpoch> Epochs)
{
    private IEnumerable<SoakEpoch> AfterWarmup => Epochs.Where(e => e.Epoch > Settings.WarmupEpochs);

    public long StepsAfterWarmup => AfterWarmup.Sum(e => (long)e.StepsMeasured);
    public long StepBytesAfterWarmup => AfterWarmup.Sum(e => e.StepLoopBytes);
    public long MaxStepBytesAfterWarmup => AfterWarmup.Select(e => e.MaxStepBytes).DefaultIfEmpty().Max();
    public int EpochsWithStepAllocationsAfterWarmup => AfterWarmup.Count(e => e.StepLoopBytes > 0);
    public long ThreadStepBytesAfterWarmup => AfterWarmup.Sum(e => e.ThreadStepLoopBytes);
    public long MaxThreadStepBytesAfterWarmup => AfterWarmup.Select(e => e.MaxThreadStepBytes).DefaultIfEmpty().Max();
    public SoakEpoch Baseline => Epochs[Math.Min(Settings.WarmupEpochs, Epochs.Count) - 1];
    public long HeapGrowth => Epochs[^1].LiveHeap - Baseline.LiveHeap;
    public long WorkingSetGrowth => Epochs[^1].WorkingSet - Baseline.WorkingSet;
    public double BoundaryBytesPerEpoch => AfterWarmup.Select(e => (double)(e.AllocatedBytes - e.StepLoopBytes)).DefaultIfEmpty().Average();
    public int Gen2AfterWarmup => Epochs[^1].Gen2 - Baseline.Gen2;

    /// <summary>
    /// Nothing allocated on the training thread after warm-up, and less than one byte per step process-wide. A step
    /// that allocates at all allocates at least an object header (24 bytes) every time; the process-wide allowance is
    /// for the runtime's own rare allocations on other threads (the tiered JIT's background promotions: a 24-byte
    /// allocation once in 4,524 LeNet-5 steps, none with DOTNET_TieredCompilation=0).
    /// </summary>
    public bool ZeroAllocationsPerStep => StepsAfterWarmup > 0 && ThreadStepBytesAfterWarmup == 0 && StepBytesAfterWarmup < StepsAfterWarmup;
    public bool FlatMemory =>
        HeapGrowth <= Settings.HeapGrowthAllowance + Settings.HeapGrowthPerEpochAllowance * (Epochs.Count - Settings.WarmupEpochs)
        && WorkingSetGrowth <= Settings.WorkingSetGrowthAllowance;
    public bool Passed => ZeroAllocationsPerStep && FlatMemory;

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine("| epoch | loss | val acc | s | steps | allocated B | step-loop B | B/step | max step B | training-thread B | live heap KiB | GC heap KiB | committed KiB | gen0 | gen1 | gen2 | working set MiB |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (SoakEpoch e in Epochs)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {e.Epoch} | {e.Loss:F4} | {e.ValidationAccuracy:P2} | {e.Seconds:F2} | {e.Steps} | {e.AllocatedBytes:N0} | {e.StepLoopBytes:N0} | {(e.StepsMeasured > 0 ? (double)e.StepLoopBytes / e.StepsMeasured : 0):F1} | {e.MaxStepBytes:N0} | {e.ThreadStepLoopBytes:N0} | {e.LiveHeap / 1024.0:F1} | {e.GcHeapSize / 1024.0:F1} | {e.Committed / 1024.0:F0} | {e.Gen0} | {e.Gen1} | {e.Gen2} | {e.WorkingSet / 1048576.0:F1} |"));
        }
        return text.ToString();
    }

    public string Verdict() => string.Create(CultureInfo.InvariantCulture,
        $"""
        zero allocations per step after warm-up ({Settings.WarmupEpochs} epoch(s)): {(ZeroAllocationsPerStep ? "yes" : "NO")} — {ThreadStepBytesAfterWarmup:N0} bytes on the training thread over {StepsAfterWarmup:N0} steps; process-wide {StepBytesAfterWarmup:N0} bytes ({(double)StepBytesAfterWarmup / Math.Max(1, StepsAfterWarmup):F3} per step, in {EpochsWithStepAllocationsAfterWarmup} epoch(s); largest step {MaxStepBytesAfterWarmup:N0} bytes); epoch boundaries (shuffle, validation, metrics) allocate {BoundaryBytesPerEpoch:N0} bytes per epoch
        flat memory: {(FlatMemory ? "yes" : "NO")} — live heap {Baseline.LiveHeap / 1024.0:F1} KiB after epoch {Baseline.Epoch} → {Epochs[^1].LiveHeap / 1024.0:F1} KiB after epoch {Epochs[^1].Epoch} ({HeapGrowth:+#,0;-#,0;0} bytes), working set {WorkingSetGrowth / 1048576.0:+0.0;-0.0;0} MiB, {Gen2AfterWarmup} gen2 collections after warm-up besides the forced ones
        """);

    public string ResultLine() => string.Create(CultureInfo.InvariantCulture,
        $"RESULT soak net={Settings.Net} epochs={Epochs.Count} steps_after_warmup={StepsAfterWarmup} step_bytes_after_warmup={StepBytesAfterWarmup} max_step_bytes={MaxStepBytesAfterWarmup} thread_step_bytes_after_warmup={ThreadStepBytesAfterWarmup} max_thread_step_bytes={MaxThreadStepBytesAfterWarmup} " +
        $"boundary_bytes_per_epoch={BoundaryBytesPerEpoch:F0} live_heap_growth_bytes={HeapGrowth} working_set_growth_bytes={WorkingSetGrowth} gen0={Epochs[^1].Gen0} gen1={Epochs[^1].Gen1} gen2={Epochs[^1].Gen2} " +
        $"outcome={(Passed ? "PASS" : "FAIL")}");
}

/// <summary>
/// A long <see cref="Trainer.Fit"/> run that records, per epoch, the bytes allocated (in total and between consecutive
/// optimizer steps, which is the whole step loop: batch copy, training accuracy, forward, backward, update), the live
/// managed heap (after a forced full collection at the end of each epoch), the GC's own heap figures, the collection
/// counts and the working set. Allocations are counted process-wide (<c>GC.GetTotalAllocatedBytes(precise: true)</c>).
/// </summary>
internal static class Soak
{
    public static SoakReport Run(SoakSettings settings, TextWriter? progress = null)
    {
        var (allTrain, test) = TrainCommand.LoadSubset(settings.Data);
        Dataset train = allTrain.Take(Math.Min(settings.Samples, allTrain.Count));
        IClassifier network = Networks.Create(settings.Net, settings.Seed);
        var probe = new AllocationProbe(new Sgd(0.05f, momentum: 0.9f));
        var epochs = new List<SoakEpoch>();
        int forced0 = 0, forced1 = 0, forced2 = 0;
        long epochStart = GC.GetTotalAllocatedBytes(precise: true);

        var options = new TrainingOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.Batch,
            Optimizer = probe,
            Validation = test,
            Seed = (ulong)settings.Seed,
            Threads = settings.Threads,
            Progress = TrainingProgress.None,
            EpochCompleted = m =>
            {
                long allocated = GC.GetTotalAllocatedBytes(precise: true) - epochStart;
                var (stepBytes, stepsMeasured, maxStep, threadStepBytes, threadMaxStep) = probe.EndEpoch();
                int gen0 = GC.CollectionCount(0) - forced0, gen1 = GC.CollectionCount(1) - forced1, gen2 = GC.CollectionCount(2) - forced2;
                long heapBefore = GC.GetTotalMemory(forceFullCollection: false);
                // GetTotalMemory(true) collects until the heap size settles (often two full collections): count them all.
                long live = GC.GetTotalMemory(forceFullCollection: true);
                forced0 = GC.CollectionCount(0) - gen0;
                forced1 = GC.CollectionCount(1) - gen1;
                forced2 = GC.CollectionCount(2) - gen2;
                GCMemoryInfo info = GC.GetGCMemoryInfo();
                var epoch = new SoakEpoch(m.Epoch, m.Loss, m.ValidationAccuracy, m.Seconds, m.Steps, allocated, stepBytes, stepsMeasured, maxStep, threadStepBytes, threadMaxStep,
                    heapBefore, live, info.HeapSizeBytes, info.TotalCommittedBytes, gen0, gen1, gen2, Environment.WorkingSet);
                epochs.Add(epoch);
                progress?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {m.Epoch}: loss {m.Loss:F4}, {m.Seconds:F2} s, allocated {allocated:N0} B ({stepBytes:N0} B in {stepsMeasured} steps, {threadStepBytes:N0} B of them on the training thread), live heap {live / 1024.0:F1} KiB, gen0/1/2 {gen0}/{gen1}/{gen2}, working set {epoch.WorkingSet / 1048576.0:F1} MiB"));
                epochStart = GC.GetTotalAllocatedBytes(precise: true);
            },
        };
        Trainer.Fit(network, train, options);
        return new SoakReport(settings, epochs);
    }

    /// <summary>
    /// An optimizer that reads the process's allocated-bytes counter each time a step reaches it: the difference between
    /// two consecutive steps of an epoch is everything one step of the training loop allocated.
    /// </summary>
    private sealed class AllocationProbe(IOptimizer inner) : IOptimizer
    {
        private long _last = -1, _sum, _max, _lastThread = -1, _threadSum, _threadMax;
        private int _count;

        public float LearningRate { get => inner.LearningRate; set => inner.LearningRate = value; }

        public long StepCount => inner.StepCount;

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            long now = GC.GetTotalAllocatedBytes(precise: true), thread = GC.GetAllocatedBytesForCurrentThread();
            if (_last >= 0)
            {
                long step = now - _last, threadStep = thread - _lastThread;
                _sum += step;
                _max = Math.Max(_max, step);
                _threadSum += threadStep;
                _threadMax = Math.Max(_threadMax, threadStep);
                _count++;
            }
            (_last, _lastThread) = (now, thread);
            inner.Step(parameters, gradients);
        }

        public (long Bytes, int Steps, long Max, long ThreadBytes, long ThreadMax) EndEpoch()
        {
            var result = (_sum, _count, _max, _threadSum, _threadMax);
            (_last, _sum, _max, _count, _lastThread, _threadSum, _threadMax) = (-1, 0, 0, 0, -1, 0, 0);
            return result;
        }

        public OptimizerState GetState() => inner.GetState();

        public void SetState(OptimizerState state) => inner.SetState(state);
    }
}
