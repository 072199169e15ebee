using CnnCompiler.CompilerServices;
namespace CnnCompiler.Training.Tests.Training;

/// <summary>
/// Fit's step loop (batching, augmentation, schedule, training accuracy, the step itself) and the progress bar allocate nothing
/// after warm-up. The network is an allocation-free stand-in, so that this measures the trainer alone; the generated
/// networks' own steps are checked by the numerics tests.
/// </summary>
public sealed class AllocationTests
{
    /// <summary>
    /// Bytes allocated during each epoch after the first on this thread and by the worker pool's threads for it, as seen
    /// from the end-of-epoch callback.
    /// </summary>
    private static long[] BytesPerEpoch(int trainCount)
    {
        var atEpochEnd = new long[5];
        var options = Runs.Options(new Sgd(0.05f, momentum: 0.9f), epochs: 5) with
        {
            BatchSize = 8,
            Augmentation = new Compose(new RandomHorizontalFlip(), new RandomCrop(1)),
            Schedule = new CosineAnnealingLR(0.05f, tMax: 100),
            EpochCompleted = metrics => atEpochEnd[metrics.Epoch - 1] = GC.GetAllocatedBytesForCurrentThread() + WorkerPool.AllocatedBytesForCurrentThread,
        };
        Trainer.Fit(new CountingClassifier(), SyntheticData.Bars(trainCount, seed: 2), options);
        return [.. Enumerable.Range(1, 4).Select(i => atEpochEnd[i] - atEpochEnd[i - 1])];
    }

    [Fact]
    public void TrainingStepsAllocateNothingAfterWarmUp()
    {
        BytesPerEpoch(48); // warm-up: JIT, static caches

        long[] fewSteps = BytesPerEpoch(48);   // 6 steps per epoch
        long[] manySteps = BytesPerEpoch(480); // 60 steps per epoch

        // An epoch's bookkeeping (metrics, history, validation) costs the same whatever its length, so any difference
        // would come from the 54 extra steps.
        Assert.Equal(fewSteps[1..], manySteps[1..]);
    }

    [Fact]
    public void ProgressBarRedrawsAllocateNothing()
    {
        var bar = new ProgressBar(TextWriter.Null);
        bar.BeginEpoch(epoch: 3, epochs: 10, steps: 50);
        for (int i = 0; i < 20; i++) bar.Step(50, 1600, 0.25); // the last step always redraws

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) bar.Step(50, 1600 + i, 0.25 + i);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
