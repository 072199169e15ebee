namespace CnnCompiler.Training.Tests.Support;

/// <summary>The first samples of the Fashion-MNIST subset shipped in data/fashion-mnist-subset, loaded once.</summary>
internal static class FashionSubset
{
    private static readonly Lazy<(Dataset Train, Dataset Test)> s_data = new(() =>
    {
        string directory = FashionMnist.FindSubsetDirectory()
            ?? throw new InvalidOperationException($"The shipped {FashionMnist.SubsetRelativeDirectory} was not found above {AppContext.BaseDirectory}.");
        var (train, test, _) = FashionMnist.Load(directory);
        return (train.Take(512), test.Take(256));
    });

    /// <summary>512 training images.</summary>
    public static Dataset Train => s_data.Value.Train;

    /// <summary>256 test images.</summary>
    public static Dataset Test => s_data.Value.Test;
}
