using CnnCompiler.CompilerServices;
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
    /// <summary>
    /// Bytes that a finalizer allocates on the runtime's finalizer thread after a full collection forced in the middle
    /// of every measured epoch (0: none). Stands for the runtime's own post-collection work (its gen2 callbacks, such as
    /// the array pools' trimming, allocated 1,008 bytes after each full collection in a test program with tiered PGO on)
    /// landing inside a step: it must show in the process-wide count and not in ours.
    /// </summary>
    public int RuntimeNoiseBytes { get; init; }
}

/// <summary>One epoch of a soak run. GC counts are cumulative and exclude the full collection the soak forces after every epoch to measure the live heap.</summary>
/// <summary>
/// Step-loop bytes are counted three ways: on the training thread, on the worker threads of the library's
/// <see cref="WorkerPool"/> for the training thread's runs, and process-wide (which adds the runtime's own threads: the
/// JIT's background compiler, the finalizer).
/// </summary>
internal sealed record SoakEpoch(
    int Epoch, double Loss, double? ValidationAccuracy, double Seconds, int Steps,
    long AllocatedBytes, int StepsMeasured, StepBytes Thread, StepBytes Workers, StepBytes Ours, StepBytes Process,
    long HeapBeforeCollect, long LiveHeap, long GcHeapSize, long Committed, int Gen0, int Gen1, int Gen2, long WorkingSet);

/// <summary>Bytes allocated between consecutive optimizer steps of one epoch: the sum and the largest single step.</summary>
internal readonly record struct StepBytes(long Sum, long Max);

internal sealed record SoakReport(SoakSettings Settings, IReadOnlyList<SoakEpoch> Epochs)
{
    private IEnumerable<SoakEpoch> AfterWarmup => Epochs.Where(e => e.Epoch > Settings.WarmupEpochs);

    public long StepsAfterWarmup => AfterWarmup.Sum(e => (long)e.StepsMeasured);
    public long OurStepBytesAfterWarmup => AfterWarmup.Sum(e => e.Ours.Sum);
    public long MaxOurStepBytesAfterWarmup => AfterWarmup.Select(e => e.Ours.Max).DefaultIfEmpty().Max();
    public long ThreadStepBytesAfterWarmup => AfterWarmup.Sum(e => e.Thread.Sum);
    public long WorkerStepBytesAfterWarmup => AfterWarmup.Sum(e => e.Workers.Sum);
    public long ProcessStepBytesAfterWarmup => AfterWarmup.Sum(e => e.Process.Sum);
    public long MaxProcessStepBytesAfterWarmup => AfterWarmup.Select(e => e.Process.Max).DefaultIfEmpty().Max();
    public int EpochsWithProcessStepAllocationsAfterWarmup => AfterWarmup.Count(e => e.Process.Sum > 0);
    public SoakEpoch Baseline => Epochs[Math.Min(Settings.WarmupEpochs, Epochs.Count) - 1];
    public long HeapGrowth => Epochs[^1].LiveHeap - Baseline.LiveHeap;
    public long WorkingSetGrowth => Epochs[^1].WorkingSet - Baseline.WorkingSet;
    public double BoundaryBytesPerEpoch => AfterWarmup.Select(e => (double)(e.AllocatedBytes - e.Process.Sum)).DefaultIfEmpty().Average();
    public int Gen2AfterWarmup => Epochs[^1].Gen2 - Baseline.Gen2;

    /// <summary>
    /// Nothing allocated after warm-up, in any step, on the threads the library trains on: the training thread and the
    /// worker pool's threads (<see cref="WorkerPool.AllocatedBytesForCurrentThread"/>). The process-wide count is
    /// reported but not held to zero: it also counts the runtime's own threads, which allocate on a schedule of their
    /// own. After a full collection the finalizer thread runs the runtime's gen2 callbacks (1,008 bytes in a test program
    /// with tiered PGO on, 0 with DOTNET_TieredPGO=0, depending on the tier its code has reached); when that lands in a
    /// step rather than between epochs depends on the CPU's speed and the JIT's progress, which made a process-wide check
    /// fail on every run on one machine and pass on another.
    /// </summary>
    public bool ZeroAllocationsPerStep => StepsAfterWarmup > 0 && OurStepBytesAfterWarmup == 0;
    public bool FlatMemory =>
        HeapGrowth <= Settings.HeapGrowthAllowance + Settings.HeapGrowthPerEpochAllowance * (Epochs.Count - Settings.WarmupEpochs)
        && WorkingSetGrowth <= Settings.WorkingSetGrowthAllowance;
    public bool Passed => ZeroAllocationsPerStep && FlatMemory;

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine("| epoch | loss | val acc | s | steps | allocated B | step-loop B: training thread | workers | process | max process step B | live heap KiB | GC heap KiB | committed KiB | gen0 | gen1 | gen2 | working set MiB |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (SoakEpoch e in Epochs)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {e.Epoch} | {e.Loss:F4} | {e.ValidationAccuracy:P2} | {e.Seconds:F2} | {e.Steps} | {e.AllocatedBytes:N0} | {e.Thread.Sum:N0} | {e.Workers.Sum:N0} | {e.Process.Sum:N0} | {e.Process.Max:N0} | {e.LiveHeap / 1024.0:F1} | {e.GcHeapSize / 1024.0:F1} | {e.Committed / 1024.0:F0} | {e.Gen0} | {e.Gen1} | {e.Gen2} | {e.WorkingSet / 1048576.0:F1} |"));
        }
        return text.ToString();
    }

    public string Verdict() => string.Create(CultureInfo.InvariantCulture,
        $"""
        zero allocations per step after warm-up ({Settings.WarmupEpochs} epoch(s)): {(ZeroAllocationsPerStep ? "yes" : "NO")} — {OurStepBytesAfterWarmup:N0} bytes on the library's threads over {StepsAfterWarmup:N0} steps ({ThreadStepBytesAfterWarmup:N0} on the training thread, {WorkerStepBytesAfterWarmup:N0} on {Settings.Threads - 1} worker thread(s); largest step {MaxOurStepBytesAfterWarmup:N0}); process-wide, with the runtime's own threads, {ProcessStepBytesAfterWarmup:N0} bytes (in {EpochsWithProcessStepAllocationsAfterWarmup} epoch(s); largest step {MaxProcessStepBytesAfterWarmup:N0}; not held to 0); epoch boundaries (shuffle, validation, metrics) allocate {BoundaryBytesPerEpoch:N0} bytes per epoch
        flat memory: {(FlatMemory ? "yes" : "NO")} — live heap {Baseline.LiveHeap / 1024.0:F1} KiB after epoch {Baseline.Epoch} → {Epochs[^1].LiveHeap / 1024.0:F1} KiB after epoch {Epochs[^1].Epoch} ({HeapGrowth:+#,0;-#,0;0} bytes), working set {WorkingSetGrowth / 1048576.0:+0.0;-0.0;0} MiB, {Gen2AfterWarmup} gen2 collections after warm-up besides the forced ones
        """);

    public string ResultLine() => string.Create(CultureInfo.InvariantCulture,
        $"RESULT soak net={Settings.Net} epochs={Epochs.Count} threads={Settings.Threads} steps_after_warmup={StepsAfterWarmup} " +
        $"our_step_bytes_after_warmup={OurStepBytesAfterWarmup} max_our_step_bytes={MaxOurStepBytesAfterWarmup} thread_step_bytes_after_warmup={ThreadStepBytesAfterWarmup} worker_step_bytes_after_warmup={WorkerStepBytesAfterWarmup} " +
        $"process_step_bytes_after_warmup={ProcessStepBytesAfterWarmup} max_process_step_bytes={MaxProcessStepBytesAfterWarmup} runtime_noise_bytes={Settings.RuntimeNoiseBytes} " +
        $"boundary_bytes_per_epoch={BoundaryBytesPerEpoch:F0} live_heap_growth_bytes={HeapGrowth} working_set_growth_bytes={WorkingSetGrowth} gen0={Epochs[^1].Gen0} gen1={Epochs[^1].Gen1} gen2={Epochs[^1].Gen2} " +
        $"outcome={(Passed ? "PASS" : "FAIL")}");
}

/// <summary>
/// A long <see cref="Trainer.Fit"/> run that records, per epoch, the bytes allocated (in total and between consecutive
/// optimizer steps, which is the whole step loop: batch copy, training accuracy, forward, backward, update), the live
/// managed heap (after a forced full collection at the end of each epoch), the GC's own heap figures, the collection
/// counts and the working set. Step bytes are counted on the library's threads (the training thread and the worker
/// pool's threads) and process-wide (<c>GC.GetTotalAllocatedBytes(precise: true)</c>).
/// </summary>
internal static class Soak
{
    public static SoakReport Run(SoakSettings settings, TextWriter? progress = null)
    {
        var (allTrain, test) = TrainCommand.LoadSubset(settings.Data);
        Dataset train = allTrain.Take(Math.Min(settings.Samples, allTrain.Count));
        IClassifier network = Networks.Create(settings.Net, settings.Seed);
        int stepsPerEpoch = (train.Count + settings.Batch - 1) / settings.Batch;
        if (settings.RuntimeNoiseBytes > 0) FinalizerNoise.Start(settings.RuntimeNoiseBytes);
        var probe = new AllocationProbe(new Sgd(0.05f, momentum: 0.9f))
        {
            // Mid-epoch of every measured epoch: a full collection whose finalizer work allocates on the finalizer thread.
            NoiseStep = settings.RuntimeNoiseBytes > 0 ? stepsPerEpoch / 2 : -1,
        };
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
                ProbeEpoch steps = probe.EndEpoch();
                int gen0 = GC.CollectionCount(0) - forced0, gen1 = GC.CollectionCount(1) - forced1, gen2 = GC.CollectionCount(2) - forced2;
                long heapBefore = GC.GetTotalMemory(forceFullCollection: false);
                // GetTotalMemory(true) collects until the heap size settles (often two full collections): count them all.
                long live = GC.GetTotalMemory(forceFullCollection: true);
                // The runtime's post-collection work (gen2 callbacks) runs on the finalizer thread after that returns:
                // let it finish here, between epochs, rather than in the next epoch's first steps.
                GC.WaitForPendingFinalizers();
                forced0 = GC.CollectionCount(0) - gen0;
                forced1 = GC.CollectionCount(1) - gen1;
                forced2 = GC.CollectionCount(2) - gen2;
                GCMemoryInfo info = GC.GetGCMemoryInfo();
                probe.Measuring = m.Epoch >= settings.WarmupEpochs;
                var epoch = new SoakEpoch(m.Epoch, m.Loss, m.ValidationAccuracy, m.Seconds, m.Steps, allocated, steps.Steps,
                    steps.Thread, steps.Workers, steps.Ours, steps.Process,
                    heapBefore, live, info.HeapSizeBytes, info.TotalCommittedBytes, gen0, gen1, gen2, Environment.WorkingSet);
                epochs.Add(epoch);
                progress?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {m.Epoch}: loss {m.Loss:F4}, {m.Seconds:F2} s, allocated {allocated:N0} B ({steps.Process.Sum:N0} B process-wide in {steps.Steps} steps, {steps.Thread.Sum:N0} B of them on the training thread and {steps.Workers.Sum:N0} B on worker threads), live heap {live / 1024.0:F1} KiB, gen0/1/2 {gen0}/{gen1}/{gen2}, working set {epoch.WorkingSet / 1048576.0:F1} MiB"));
                epochStart = GC.GetTotalAllocatedBytes(precise: true);
            },
        };
        Trainer.Fit(network, train, options);
        return new SoakReport(settings, epochs);
    }

    private readonly record struct ProbeEpoch(int Steps, StepBytes Thread, StepBytes Workers, StepBytes Ours, StepBytes Process);

    /// <summary>
    /// An optimizer that reads the allocation counters each time a step reaches it: the difference between two
    /// consecutive steps of an epoch is everything one step of the training loop allocated. It runs on the training
    /// thread, after the step's parallel work has returned, so the worker pool's counter is complete for the step.
    /// </summary>
    private sealed class AllocationProbe(IOptimizer inner) : IOptimizer
    {
        private long _lastThread = -1, _lastWorkers, _lastProcess;
        private long _threadSum, _threadMax, _workerSum, _workerMax, _ourSum, _ourMax, _processSum, _processMax;
        private int _count;

        /// <summary>The step of each measured epoch at which to force a collection for <see cref="FinalizerNoise"/> (−1: never).</summary>
        public int NoiseStep { get; init; } = -1;

        /// <summary>Set from the end of warm-up on.</summary>
        public bool Measuring { get; set; }

        public float LearningRate { get => inner.LearningRate; set => inner.LearningRate = value; }

        public long StepCount => inner.StepCount;

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            long thread = GC.GetAllocatedBytesForCurrentThread(), workers = WorkerPool.AllocatedBytesForCurrentThread;
            long process = GC.GetTotalAllocatedBytes(precise: true);
            if (_lastThread >= 0)
            {
                long threadStep = thread - _lastThread, workerStep = workers - _lastWorkers, processStep = process - _lastProcess;
                (_threadSum, _threadMax) = (_threadSum + threadStep, Math.Max(_threadMax, threadStep));
                (_workerSum, _workerMax) = (_workerSum + workerStep, Math.Max(_workerMax, workerStep));
                (_ourSum, _ourMax) = (_ourSum + threadStep + workerStep, Math.Max(_ourMax, threadStep + workerStep));
                (_processSum, _processMax) = (_processSum + processStep, Math.Max(_processMax, processStep));
                _count++;
            }
            (_lastThread, _lastWorkers, _lastProcess) = (thread, workers, process);
            if (Measuring && _count == NoiseStep)
            {
                // Inside the step window that ends at the next step: neither call allocates on this thread.
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            inner.Step(parameters, gradients);
        }

        public ProbeEpoch EndEpoch()
        {
            var result = new ProbeEpoch(_count, new(_threadSum, _threadMax), new(_workerSum, _workerMax), new(_ourSum, _ourMax), new(_processSum, _processMax));
            (_lastThread, _threadSum, _threadMax, _workerSum, _workerMax, _ourSum, _ourMax, _processSum, _processMax, _count) = (-1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            return result;
        }

        public OptimizerState GetState() => inner.GetState();

        public void SetState(OptimizerState state) => inner.SetState(state);
    }

    /// <summary>
    /// A finalizable object that, like the runtime's own gen2 callbacks, comes back after every full collection: its
    /// finalizer allocates on the finalizer thread and registers it again.
    /// </summary>
    private sealed class FinalizerNoise
    {
        private readonly int _bytes;
        private static byte[]? s_last;

        private FinalizerNoise(int bytes) => _bytes = bytes;

        public static void Start(int bytes) => _ = new FinalizerNoise(bytes);

        ~FinalizerNoise()
        {
            s_last = new byte[_bytes];
            GC.ReRegisterForFinalize(this);
        }
    }
}
