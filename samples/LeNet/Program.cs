using System.Diagnostics;
using CnnCompiler;
using CnnCompiler.Samples.LeNet;

// Trains LeNet-5 on Fashion-MNIST and reports, per epoch, the mean training loss, test accuracy, seconds and images/s;
// then writes the weights and three pictures to --output (default output/lenet): the first layer's filters, the feature
// maps of conv1 and conv2 for the first test image, and the loss/accuracy curves.
// Data: --data DIR, else the Debian package dataset-fashion-mnist, else the subset shipped in data/fashion-mnist-subset.
var options = SampleOptions.Parse(args);
var (train, test, source) = FashionMnist.Load(options.DataDirectory);
Console.WriteLine($"Fashion-MNIST from {source}: {train.Count:N0} training and {test.Count:N0} test images");
Console.WriteLine(LeNet5.Summary());
Console.WriteLine();

var network = new LeNet5(options.Seed) { Threads = options.Threads };
var optimizer = new Sgd(options.LearningRate, momentum: 0.9f);
var batches = new MiniBatchLoader(train, options.BatchSize, seed: (ulong)options.Seed);
Console.WriteLine($"Recipe: batch {options.BatchSize}, SGD lr {options.LearningRate} momentum 0.9, seed {options.Seed}, {options.Threads} thread(s), {options.Epochs} epoch(s)");

var trainLoss = new double[options.Epochs];
var testLoss = new double[options.Epochs];
var testAccuracy = new double[options.Epochs];
for (int epoch = 1; epoch <= options.Epochs; epoch++)
{
    var clock = Stopwatch.StartNew();
    double lossSum = 0;
    int steps = 0;
    while (batches.TryGetNext(out MiniBatch batch))
    {
        lossSum += network.TrainStep(batch.Inputs, batch.Labels, optimizer);
        steps++;
    }
    double seconds = clock.Elapsed.TotalSeconds;
    double accuracy = Evaluation.Accuracy(network, test);
    Console.WriteLine($"epoch {epoch}: loss {lossSum / steps:F4}, test accuracy {accuracy:P2}, {seconds:F2} s, {train.Count / seconds:N0} images/s");
    (trainLoss[epoch - 1], testLoss[epoch - 1], testAccuracy[epoch - 1]) = (lossSum / steps, Evaluation.MeanLoss(network, test), accuracy);
}

Directory.CreateDirectory(options.OutputDirectory);
network.SaveWeights(Path.Combine(options.OutputDirectory, "lenet5.safetensors"));
Visualize.Filters(network, Path.Combine(options.OutputDirectory, "filters-conv1.png"));
Visualize.FeatureMaps(network, "conv1", test.Sample(0), Path.Combine(options.OutputDirectory, "feature-maps-conv1.png"));
Visualize.FeatureMaps(network, "conv2", test.Sample(0), Path.Combine(options.OutputDirectory, "feature-maps-conv2.png"));
// The test set stands in for validation data here: it is only measured, never used to choose anything.
// The second series was measured on the test set: the legend says so.
Visualize.TrainingCurves(Path.Combine(options.OutputDirectory, "curves.png"), [.. Enumerable.Range(1, options.Epochs)], trainLoss, testLoss, [], testAccuracy,
    validationLabel: "test");
Console.WriteLine($"Wrote lenet5.safetensors, filters-conv1.png, feature-maps-conv1.png, feature-maps-conv2.png and curves.png to {options.OutputDirectory}");
