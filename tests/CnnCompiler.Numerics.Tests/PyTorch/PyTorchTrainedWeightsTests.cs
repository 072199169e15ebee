using System.Text.Json;
using CnnCompiler.Numerics.Tests.Networks;
using CnnCompiler.Numerics.Tests.Support;

namespace CnnCompiler.Numerics.Tests.PyTorch;

/// <summary>
/// LeNet-5 weights trained in PyTorch (tools/pytorch_lenet_train.py, committed under samples/TransferLearning/weights)
/// load by name into the generated LeNet-5 and classify the shipped subset's 2,000 test images as PyTorch did.
/// </summary>
public sealed class PyTorchTrainedWeightsTests
{
    private static string WeightsDirectory => Path.Combine(Repository.Root, "samples", "TransferLearning", "weights");

    [Fact]
    public void PyTorch_trained_LeNet_classifies_the_subset_test_images_as_PyTorch_does()
    {
        var net = new LeNet5 { Threads = 1 };
        WeightLoadReport report = net.LoadWeights(Path.Combine(WeightsDirectory, "lenet_pytorch.safetensors"));
        Assert.True(report.IsExactMatch);

        using JsonDocument figures = JsonDocument.Parse(File.ReadAllText(Path.Combine(WeightsDirectory, "lenet_pytorch.json")));
        int pytorchCorrect = figures.RootElement.GetProperty("subset_test_correct").GetInt32();
        int pytorchCount = figures.RootElement.GetProperty("subset_test_count").GetInt32();

        var test = Dataset.FromIdx(
            FashionMnist.FindFile(Repository.FashionMnistSubset, FashionMnist.TestImagesFile)!,
            FashionMnist.FindFile(Repository.FashionMnistSubset, FashionMnist.TestLabelsFile)!);
        Assert.Equal(pytorchCount, test.Count);
        var predictions = new int[test.Count];
        net.Classify(test.Samples, predictions);
        int correct = Enumerable.Range(0, test.Count).Count(i => predictions[i] == test.Label(i));
        // float32 on both sides with different summation orders: a near-tie may flip, hence ±2 images.
        Assert.InRange(correct, pytorchCorrect - 2, pytorchCorrect + 2);
    }
}
