using Xunit.Abstractions;

namespace CnnCompiler.Robustness.Tests.Fuzz;

/// <summary>
/// Seeded mutants of one of the four gzipped files of a small Fashion-MNIST folder (30 training and 10 test images):
/// damage to the compressed bytes, or a header edit recompressed as a valid gzip. <see cref="FashionMnist.Load"/> either
/// throws an <see cref="InvalidDataException"/> naming the damaged file, or loads exactly the pristine data: a header that
/// is not N×28×28 unsigned bytes with labels to match is refused from the header, before its data is read.
/// </summary>
public sealed class FashionMnistFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly string[] Names =
        [FashionMnist.TrainImagesFile, FashionMnist.TrainLabelsFile, FashionMnist.TestImagesFile, FashionMnist.TestLabelsFile];

    /// <summary>Per file as for IdxReader (the first buffer of at most 1 MB, twice what decompresses), the floats of the samples, and 1 MB.</summary>
    private static long AllocationBound(long decompressed) => 4 * (1L << 20) + 2 * decompressed + 4 * decompressed + (1 << 20);

    [Fact]
    public void Every_mutant_is_refused_naming_the_file_or_loads_the_pristine_data()
    {
        byte[][] raw =
        [
            IdxFiles.Build(0x08, [30, 28, 28], seed: 1),
            [.. IdxFiles.Build(0x08, [30], seed: 2)[..8], .. Enumerable.Range(0, 30).Select(i => (byte)(i % 10))],
            IdxFiles.Build(0x08, [10, 28, 28], seed: 3),
            [.. IdxFiles.Build(0x08, [10], seed: 4)[..8], .. Enumerable.Range(0, 10).Select(i => (byte)(9 - i))],
        ];
        byte[][] gzipped = raw.Select(IdxFiles.Gzip).ToArray();
        string folder = _temp.File("fashion");
        Directory.CreateDirectory(folder);
        string[] paths = Names.Select(n => Path.Combine(folder, n + ".gz")).ToArray();
        for (int i = 0; i < 4; i++) File.WriteAllBytes(paths[i], gzipped[i]);
        var (train, test, _) = FashionMnist.Load(folder);
        long decompressed = raw.Sum(r => (long)r.Length);

        var gzipMutations = gzipped.Select(g => new GzipMutations(g)).ToArray();
        var headerMutations = raw.Select(r => new IdxMutations(r)).ToArray();
        var runner = new MutantRunner("FashionMnist.Load", output);
        int file = 0;
        runner.Run(FuzzSettings.Mutants, FuzzSettings.Seed + 4, random =>
        {
            file = random.NextInt(4);
            if (random.NextInt(3) > 0) return gzipMutations[file].Next(random);
            Mutant header = headerMutations[file].NextInHeader(random);
            return header with { Bytes = IdxFiles.Gzip(header.Bytes) };
        }, mutant =>
        {
            File.WriteAllBytes(paths[file], mutant.Bytes);
            (Dataset Train, Dataset Test, string Source)? loaded = null;
            var attempt = Attempt.Of(() => loaded = FashionMnist.Load(folder));
            File.WriteAllBytes(paths[file], gzipped[file]);
            if (attempt.Error is not null)
            {
                attempt.AssertRefused(paths[file], AllocationBound(2 * decompressed), typeof(InvalidDataException));
                return ("refused", attempt);
            }
            attempt.AssertBounded(AllocationBound(2 * decompressed));
            Bits.Equal(train.Samples, loaded!.Value.Train.Samples);
            Bits.Equal(test.Samples, loaded.Value.Test.Samples);
            Assert.Equal(train.Labels.ToArray(), loaded.Value.Train.Labels.ToArray());
            Assert.Equal(test.Labels.ToArray(), loaded.Value.Test.Labels.ToArray());
            return ("read as the pristine files", attempt);
        });
        Assert.True(runner.Count("refused") > FuzzSettings.Mutants / 2);
        Assert.True(runner.Count("read as the pristine files") > 0);
    }
}
