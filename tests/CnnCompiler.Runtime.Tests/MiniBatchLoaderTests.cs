namespace CnnCompiler.Runtime.Tests;

public class MiniBatchLoaderTests
{
    /// <summary>The dataset indices served in one epoch, batch by batch.</summary>
    private static List<int[]> Epoch(MiniBatchLoader loader)
    {
        var batches = new List<int[]>();
        while (loader.TryGetNext(out var batch)) batches.Add(batch.Indices.ToArray());
        return batches;
    }

    [Fact]
    public void Each_epoch_serves_every_sample_exactly_once_with_a_partial_last_batch()
    {
        var loader = new MiniBatchLoader(DatasetTests.Numbered(10, 3), batchSize: 4, seed: 1);

        var batches = Epoch(loader);

        Assert.Equal([4, 4, 2], batches.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 10), batches.SelectMany(b => b).Order());
        Assert.Equal(3, loader.BatchesPerEpoch);
        Assert.Equal(1, loader.Epoch);
    }

    [Fact]
    public void Batch_contents_are_the_indexed_samples_and_labels()
    {
        var data = DatasetTests.Numbered(7, 2, 2);
        var loader = new MiniBatchLoader(data, batchSize: 3, seed: 5);

        while (loader.TryGetNext(out var batch))
        {
            Assert.Equal(batch.Count * 4, batch.Inputs.Length);
            for (int i = 0; i < batch.Count; i++)
            {
                int index = batch.Indices[i];
                Assert.Equal(data.Sample(index).ToArray(), batch.Inputs.Slice(i * 4, 4).ToArray());
                Assert.Equal(data.Label(index), batch.Labels[i]);
            }
        }
    }

    [Fact]
    public void DropLast_skips_the_partial_batch()
    {
        var loader = new MiniBatchLoader(DatasetTests.Numbered(10, 1), batchSize: 4, seed: 1, dropLast: true);

        var batches = Epoch(loader);

        Assert.Equal([4, 4], batches.Select(b => b.Length));
        Assert.Equal(2, loader.BatchesPerEpoch);
        Assert.Equal(2, Epoch(loader).Count);
    }

    [Fact]
    public void Same_seed_gives_the_same_order_every_epoch()
    {
        var data = DatasetTests.Numbered(50, 1);
        var first = new MiniBatchLoader(data, 8, seed: 99);
        var second = new MiniBatchLoader(data, 8, seed: 99);

        for (int epoch = 0; epoch < 3; epoch++)
            Assert.Equal(Epoch(first).SelectMany(b => b), Epoch(second).SelectMany(b => b));
    }

    [Fact]
    public void Order_changes_between_epochs_and_seeds()
    {
        var data = DatasetTests.Numbered(50, 1);
        var loader = new MiniBatchLoader(data, 8, seed: 99);

        var epoch1 = Epoch(loader).SelectMany(b => b).ToArray();
        var epoch2 = Epoch(loader).SelectMany(b => b).ToArray();
        var otherSeed = Epoch(new MiniBatchLoader(data, 8, seed: 100)).SelectMany(b => b).ToArray();

        Assert.NotEqual(epoch1, epoch2);
        Assert.NotEqual(epoch1, otherSeed);
        Assert.NotEqual(Enumerable.Range(0, 50), epoch1);
        Assert.Equal(2, loader.Epoch);
    }

    [Fact]
    public void Without_shuffle_samples_come_in_dataset_order()
    {
        var loader = new MiniBatchLoader(DatasetTests.Numbered(5, 1), 2, seed: 3, shuffle: false);

        Assert.Equal(Enumerable.Range(0, 5), Epoch(loader).SelectMany(b => b));
        Assert.Equal(Enumerable.Range(0, 5), Epoch(loader).SelectMany(b => b));
    }

    [Fact]
    public void EndEpoch_abandons_the_rest_of_the_epoch()
    {
        var loader = new MiniBatchLoader(DatasetTests.Numbered(9, 1), 3, seed: 3);

        Assert.True(loader.TryGetNext(out _));
        loader.EndEpoch();

        Assert.Equal(3, Epoch(loader).Count);
        Assert.Equal(2, loader.Epoch);
    }

    [Fact]
    public void Producing_batches_allocates_nothing_after_construction()
    {
        var loader = new MiniBatchLoader(DatasetTests.Numbered(1000, 1, 4, 4), batchSize: 64, seed: 11);
        float checksum = 0;
        Drain(loader, ref checksum); // warm-up: JIT and first shuffle

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int epoch = 0; epoch < 5; epoch++) Drain(loader, ref checksum);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(6, loader.Epoch);
        Assert.NotEqual(0f, checksum);

        static void Drain(MiniBatchLoader loader, ref float checksum)
        {
            while (loader.TryGetNext(out var batch)) checksum += batch.Inputs[0] + batch.Labels[batch.Count - 1];
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void Batch_size_must_be_between_one_and_the_sample_count(int batchSize)
    {
        var data = DatasetTests.Numbered(10, 1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MiniBatchLoader(data, batchSize, seed: 0));

        Assert.StartsWith("The batch size must be between 1 and the data set's 10 samples.", error.Message);
        Assert.Equal("batchSize", error.ParamName);
    }
}
