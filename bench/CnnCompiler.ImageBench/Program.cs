using System.Diagnostics;
using System.Globalization;
using CnnCompiler;
using StbImageWriteSharp;

// Decode-versus-train throughput (issue 21):
//   generate DIR [--count 20000] [--size 160x120]   a folder of JPEGs in 10 classes (textured patterns, quality 90)
//   run DIR [--workers N] [--threads N] [--batch 64] [--epochs 2]
// "run" measures, on the same folder and network (3×64×64 input, a small VGG-like net):
//   1. decoding alone: ImageBatchLoader with N workers, batches consumed and thrown away (images/s decoding sustains);
//   2. TrainStep alone: batches already in memory (images/s the step consumes);
//   3. Trainer.Fit streaming from the folder: images/s and how long the step waited for a batch.
var culture = CultureInfo.InvariantCulture;
string command = args.Length > 0 ? args[0] : throw new ArgumentException("usage: generate DIR [--count N] [--size WxH] | run DIR [--workers N] [--threads N] [--batch N] [--epochs N]");
string dir = args[1];
int Option(string name, int fallback) => Array.IndexOf(args, name) is int i and >= 0 ? int.Parse(args[i + 1], culture) : fallback;

if (command == "generate")
{
    int count = Option("--count", 20_000);
    string size = Array.IndexOf(args, "--size") is int s and >= 0 ? args[s + 1] : "160x120";
    int width = int.Parse(size.Split('x')[0], culture), height = int.Parse(size.Split('x')[1], culture);
    var start = Stopwatch.GetTimestamp();
    Parallel.For(0, count, i =>
    {
        int label = i % 10;
        var random = new Random(i);
        var pixels = new byte[width * height * 3];
        double fx = 0.05 + 0.03 * label, fy = 0.02 * (label % 3 + 1), phase = random.NextDouble() * 6.28;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                double v = Math.Sin(fx * x + fy * y + phase);
                int k = (y * width + x) * 3;
                pixels[k] = (byte)(128 + 100 * v + random.Next(-20, 20));
                pixels[k + 1] = (byte)(128 + 80 * Math.Cos(fy * x - phase) + random.Next(-20, 20));
                pixels[k + 2] = (byte)(40 * label % 256);
            }
        string folder = Path.Combine(dir, $"class{label}");
        Directory.CreateDirectory(folder);
        using var stream = File.Create(Path.Combine(folder, $"{i:D6}.jpg"));
        new ImageWriter().WriteJpg(pixels, width, height, ColorComponents.RedGreenBlue, stream, 90);
    });
    Console.WriteLine($"wrote {count:N0} JPEGs of {width}×{height} into {dir} in {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s");
    return;
}

int workers = Option("--workers", Environment.ProcessorCount);
int threads = Option("--threads", Environment.ProcessorCount);
int batchSize = Option("--batch", 64);
int epochs = Option("--epochs", 2);
var net = new BenchNet(1) { Threads = threads };
var options = ImageFolderOptions.For(net) with { ResizeShorterSide = 72, Crop = ImageCrop.Random, Workers = workers, Mean = ImageFolderOptions.ImageNetMean, Std = ImageFolderOptions.ImageNetStd };
var openStart = Stopwatch.GetTimestamp();
var data = new ImageFolderDataset(dir, options);
double openSeconds = Stopwatch.GetElapsedTime(openStart).TotalSeconds;
Console.WriteLine(string.Create(culture, $"opened {data.Count:N0} images in {data.ClassCount} classes in {openSeconds:F2} s ({data.Count / openSeconds:N0} files/s checked, {workers} workers)"));

// 1. Decoding alone.
double decodeRate;
using (var loader = new ImageBatchLoader(data, batchSize, seed: 1))
{
    var start = Stopwatch.GetTimestamp();
    long images = 0;
    for (int e = 0; e < epochs; e++) while (loader.TryGetNext(out MiniBatch batch)) images += batch.Count;
    decodeRate = images / Stopwatch.GetElapsedTime(start).TotalSeconds;
}
Console.WriteLine(string.Create(culture, $"RESULT decode workers={workers} images_per_s={decodeRate:F0}"));

// 2. TrainStep alone, on batches in memory (the first 20 batches' worth of decoded images, reused).
double trainRate;
{
    using var loader = new ImageBatchLoader(data, batchSize, seed: 2);
    var inputs = new List<float[]>();
    var labels = new List<int[]>();
    while (inputs.Count < 20 && loader.TryGetNext(out MiniBatch batch) && batch.Count == batchSize)
    {
        inputs.Add(batch.Inputs.ToArray());
        labels.Add(batch.Labels.ToArray());
    }
    var optimizer = new Sgd(0.01f, momentum: 0.9f);
    for (int i = 0; i < 5; i++) net.TrainStep(inputs[i], labels[i], optimizer); // warm-up
    int steps = Math.Max(40, (int)(data.Count * (long)epochs / batchSize / 4));
    var start = Stopwatch.GetTimestamp();
    for (int s = 0; s < steps; s++) net.TrainStep(inputs[s % inputs.Count], labels[s % labels.Count], optimizer);
    trainRate = steps * (double)batchSize / Stopwatch.GetElapsedTime(start).TotalSeconds;
}
Console.WriteLine(string.Create(culture, $"RESULT trainstep threads={threads} images_per_s={trainRate:F0}"));

// 3. Trainer.Fit streaming from the folder (decoding and training share the machine's cores).
var fitNet = new BenchNet(1) { Threads = threads };
var fitStart = Stopwatch.GetTimestamp();
var history = Trainer.Fit(fitNet, data, new TrainingOptions
{
    Epochs = epochs, BatchSize = batchSize, Optimizer = new Sgd(0.01f, momentum: 0.9f), Progress = TrainingProgress.Lines,
    TrainingAccuracy = false, Augmentation = new RandomHorizontalFlip(),
});
double fitRate = data.Count * (double)epochs / Stopwatch.GetElapsedTime(fitStart).TotalSeconds;
Console.WriteLine(string.Create(culture, $"RESULT fit workers={workers} threads={threads} images_per_s={fitRate:F0} last_epoch_images_per_s={history.Epochs[^1].ImagesPerSecond:F0}"));

[Network(3, 64, 64)]
[Conv2D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[GlobalAveragePool]
[Dense(10)]
[SoftmaxCrossEntropy]
public partial class BenchNet;
