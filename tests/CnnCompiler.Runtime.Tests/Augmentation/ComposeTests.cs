namespace CnnCompiler.Runtime.Tests.Augmentation;

/// <summary>Pipelines: order, shared random stream, and no allocation per batch after warm-up.</summary>
public class ComposeTests
{
    [Fact]
    public void Transforms_run_in_order_drawing_from_one_random_stream()
    {
        float[] piped = Enumerable.Range(1, 3 * 16).Select(i => i / 48f).ToArray(); // 3 × 1×4×4
        float[] manual = (float[])piped.Clone();
        var flip = new RandomHorizontalFlip();
        var crop = new RandomCrop(1);
        var rotation = new RandomRotation(20f);

        new Compose(flip, crop, rotation).Apply(piped, [1, 4, 4], 3, new SeededRandom(99));
        var random = new SeededRandom(99);
        flip.Apply(manual, [1, 4, 4], 3, random);
        crop.Apply(manual, [1, 4, 4], 3, random);
        rotation.Apply(manual, [1, 4, 4], 3, random);

        Assert.Equal(manual, piped);
    }

    [Fact]
    public void A_transform_that_refuses_the_batch_leaves_the_batch_and_the_generator_as_they_were()
    {
        // 1D signals: the time flip accepts them, the rotation does not, after the flip has already run.
        float[] batch = Enumerable.Range(1, 2 * 8).Select(i => (float)i).ToArray(); // 2 × 1×8
        float[] before = (float[])batch.Clone();
        var random = new SeededRandom(5);
        var state = random.State;

        var error = Assert.Throws<ArgumentException>(() =>
            new Compose(new RandomTimeFlip(probability: 1f), new RandomRotation(10f)).Apply(batch, [1, 8], 2, random));

        Assert.Contains("RandomRotation", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, batch);
        Assert.Equal(state, random.State);
    }

    [Fact]
    public void An_empty_pipeline_changes_nothing_and_nulls_are_refused()
    {
        float[] batch = [1, 2, 3];

        new Compose().Apply(batch, [3], 1, new SeededRandom(1));

        Assert.Equal([1f, 2, 3], batch);
        Assert.Throws<ArgumentNullException>(() => new Compose(new RandomHorizontalFlip(), null!));
    }

    [Fact]
    public void Image_pipeline_allocates_nothing_per_batch_after_warm_up()
    {
        var pipeline = new Compose(
            new RandomHorizontalFlip(), new RandomVerticalFlip(), new RandomRotation(15f), new RandomCrop(4),
            new RandomBrightness(0.2f), new RandomContrast(0.2f, perChannel: true), new ColorJitter(0.3f, 0.3f),
            new GaussianNoise(0.05f));
        AssertNoSteadyStateAllocation(pipeline, [3, 32, 32], 16);
    }

    [Fact]
    public void Signal_and_volume_pipelines_allocate_nothing_per_batch_after_warm_up()
    {
        var signal = new Compose(
            new RandomTimeFlip(), new RandomTimeShift(10), new RandomHorizontalFlip(), new ColorJitter(0.2f, 0.2f, perChannel: true),
            new GaussianNoise(0.1f, clamp: ValueRange.Unbounded));
        var volume = new Compose(
            new RandomTimeFlip(), new RandomTimeShift(2), new RandomRotation(10f), new RandomCrop(2), new GaussianNoise(0.1f));
        AssertNoSteadyStateAllocation(signal, [12, 500], 8);
        AssertNoSteadyStateAllocation(volume, [2, 6, 16, 16], 4);
    }

    private static void AssertNoSteadyStateAllocation(IAugmentation pipeline, int[] shape, int count)
    {
        int length = shape.Aggregate(1, (a, b) => a * b);
        float[] batch = Enumerable.Range(0, count * length).Select(i => (i % 97) / 97f).ToArray();
        var random = new SeededRandom(1);
        pipeline.Apply(batch, shape, count, random);
        pipeline.Apply(batch, shape, count, random); // warm-up: scratch buffers and JIT

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) pipeline.Apply(batch, shape, count, random);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.All(batch, v => Assert.True(float.IsFinite(v)));
    }
}
