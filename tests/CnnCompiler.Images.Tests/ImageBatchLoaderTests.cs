namespace CnnCompiler.Images.Tests;

public class ImageBatchLoaderTests
{
    private static readonly ImageFolderOptions Options = new() { Channels = 3, Height = 16, Width = 16, ResizeShorterSide = 20 };

    private static List<(int[] Indices, int[] Labels, float[] Inputs)> Epoch(ImageBatchLoader loader)
    {
        var batches = new List<(int[], int[], float[])>();
        while (loader.TryGetNext(out MiniBatch batch)) batches.Add((batch.Indices.ToArray(), batch.Labels.ToArray(), batch.Inputs.ToArray()));
        return batches;
    }

    [Fact]
    public void Every_image_once_per_epoch_reshuffled_with_its_label_and_pixels()
    {
        using var folder = new ImageFolderBuilder().AddClasses(7);
        var data = new ImageFolderDataset(folder.Root, Options with { Workers = 2, PrefetchBatches = 2 });
        using var loader = new ImageBatchLoader(data, 4, seed: 3);
        Assert.Equal(6, loader.BatchesPerEpoch);
        var first = Epoch(loader);
        var second = Epoch(loader);
        foreach (var epoch in new[] { first, second })
        {
            Assert.Equal([4, 4, 4, 4, 4, 1], epoch.Select(b => b.Labels.Length));
            Assert.Equal(Enumerable.Range(0, 21), epoch.SelectMany(b => b.Indices).Order());
        }
        Assert.NotEqual(first.SelectMany(b => b.Indices), second.SelectMany(b => b.Indices));
        var sample = new float[data.SampleLength];
        foreach (var (indices, labels, inputs) in first)
            for (int i = 0; i < indices.Length; i++)
            {
                Assert.Equal(data.Label(indices[i]), labels[i]);
                data.LoadSample(indices[i], sample);
                Assert.True(inputs.AsSpan(i * sample.Length, sample.Length).SequenceEqual(sample));
            }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Batches_depend_on_the_seed_only_not_on_workers_or_queue_length(bool randomResizedCrop)
    {
        using var folder = new ImageFolderBuilder().AddClasses(6);
        var random = randomResizedCrop ? Options with { RandomResizedCrop = new() } : Options with { Crop = ImageCrop.Random };
        List<(int[], int[], float[])>[] Run(int workers, int prefetch)
        {
            var data = new ImageFolderDataset(folder.Root, random with { Workers = workers, PrefetchBatches = prefetch });
            using var loader = new ImageBatchLoader(data, 5, seed: 11);
            return [Epoch(loader), Epoch(loader)];
        }
        var one = Run(1, 1);
        var two = Run(2, 4);
        for (int e = 0; e < 2; e++)
        {
            Assert.Equal(one[e].Count, two[e].Count);
            for (int b = 0; b < one[e].Count; b++)
            {
                Assert.Equal(one[e][b].Item1, two[e][b].Item1);
                Assert.Equal(one[e][b].Item3, two[e][b].Item3);
            }
        }
        // Random crops differ between epochs for the same image.
        float[] Of(List<(int[] Indices, int[] Labels, float[] Inputs)> epoch, int index, int length)
        {
            foreach (var (indices, _, inputs) in epoch)
            {
                int at = Array.IndexOf(indices, index);
                if (at >= 0) return inputs.AsSpan(at * length, length).ToArray();
            }
            throw new InvalidOperationException();
        }
        int sampleLength = 3 * 16 * 16;
        Assert.Contains(Enumerable.Range(0, 18), i => !Of(one[0], i, sampleLength).SequenceEqual(Of(one[1], i, sampleLength)));
    }

    [Fact]
    public void Cache_in_memory_decodes_each_image_once()
    {
        using var folder = new ImageFolderBuilder().AddClasses(4);
        var data = new ImageFolderDataset(folder.Root, Options with { CacheInMemory = true, Workers = 2 });
        using var loader = new ImageBatchLoader(data, 3, seed: 5);
        var first = Epoch(loader);
        Assert.Equal(12, loader.DecodedImages);
        var second = Epoch(loader);
        Assert.Equal(12, loader.DecodedImages);
        var byIndex = first.SelectMany(b => b.Indices.Select((index, i) => (index, b.Inputs.AsSpan(i * 768, 768).ToArray()))).ToDictionary(p => p.index, p => p.Item2);
        foreach (var (indices, _, inputs) in second)
            for (int i = 0; i < indices.Length; i++) Assert.Equal(byIndex[indices[i]], inputs.AsSpan(i * 768, 768).ToArray());
    }
}
