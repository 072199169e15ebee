namespace CnnCompiler.Runtime.Tests;

public class FashionMnistTests
{
    [Fact]
    public void Shipped_subset_loads_with_the_documented_sizes_and_ranges()
    {
        string? directory = FashionMnist.FindSubsetDirectory();
        Assert.NotNull(directory);

        var (train, test, source) = FashionMnist.Load(directory);

        Assert.Equal(Path.GetFullPath(directory), source);
        Assert.Equal(10_000, train.Count);
        Assert.Equal(2_000, test.Count);
        Assert.Equal([1, 28, 28], train.SampleShape.ToArray());
        Assert.Equal([1, 28, 28], test.SampleShape.ToArray());
        foreach (var data in new[] { train, test })
        {
            Assert.Equal(0f, data.Samples.ToArray().Min());
            Assert.Equal(1f, data.Samples.ToArray().Max());
            Assert.Equal(Enumerable.Range(0, 10), data.Labels.ToArray().Distinct().Order());
        }
    }

    [Fact]
    public void Default_search_prefers_the_debian_package_then_the_subset()
    {
        bool debianInstalled = File.Exists(Path.Combine(FashionMnist.DebianDirectory, FashionMnist.TrainImagesFile + ".gz"));

        var (train, _, source) = FashionMnist.Load();

        Assert.Equal(debianInstalled ? FashionMnist.DebianDirectory : FashionMnist.FindSubsetDirectory(), source);
        Assert.Equal(debianInstalled ? 60_000 : 10_000, train.Count);
    }

    [Fact]
    public void Given_directory_missing_files_names_them()
    {
        using var dir = new IdxTestFiles.TempDirectory();
        dir.Write(FashionMnist.TrainImagesFile + ".gz", IdxTestFiles.Gzip(IdxTestFiles.CountingBytes(2, 28, 28)));
        dir.Write(FashionMnist.TrainLabelsFile, IdxTestFiles.CountingBytes(2));

        var error = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(dir.Path));

        Assert.Equal(
            $"The Fashion-MNIST directory {dir.Path} lacks t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz].",
            error.Message);
    }

    [Fact]
    public void Given_directory_must_exist()
    {
        string absent = Path.Combine(Path.GetTempPath(), "cnncompiler-absent-" + Guid.NewGuid().ToString("N"));

        Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.Load(absent));
    }

    [Fact]
    public void Reads_uncompressed_files_and_rejects_labels_outside_ten_classes()
    {
        using var dir = new IdxTestFiles.TempDirectory();
        dir.Write(FashionMnist.TrainImagesFile, IdxTestFiles.CountingBytes(3, 28, 28));
        dir.Write(FashionMnist.TrainLabelsFile, IdxTestFiles.Build(0x08, [3], [0, 9, 4]));
        dir.Write(FashionMnist.TestImagesFile, IdxTestFiles.CountingBytes(2, 28, 28));
        dir.Write(FashionMnist.TestLabelsFile, IdxTestFiles.Build(0x08, [2], [1, 2]));

        var (train, test, _) = FashionMnist.Load(dir.Path);
        Assert.Equal(3, train.Count);
        Assert.Equal(2, test.Count);

        dir.Write(FashionMnist.TestLabelsFile, IdxTestFiles.Build(0x08, [2], [1, 10]));
        // A label file with a label outside the classes is a corrupt file: InvalidDataException naming it.
        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(dir.Path));
        Assert.StartsWith(Path.Combine(dir.Path, FashionMnist.TestLabelsFile) + ": Label 10 of sample 1 is outside the 10 classes 0…9.", error.Message);
    }

    [Fact]
    public void Has_ten_class_names()
    {
        Assert.Equal(10, FashionMnist.ClassNames.Count);
        Assert.Equal("T-shirt/top", FashionMnist.ClassNames[0]);
        Assert.Equal("Ankle boot", FashionMnist.ClassNames[9]);
    }
}
