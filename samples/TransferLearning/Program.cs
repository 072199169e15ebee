using System.Globalization;
using System.Text.Json;
using CnnCompiler;
using CnnCompiler.Samples.TransferLearning;

// Transfer learning on Fashion-MNIST, two ways.
//  A. Pretrain a LeNet-like net on classes 0–4, save it, load its backbone by name into a net with a new head, freeze
//     the backbone and fine-tune the head on a few hundred labelled images of classes 5–9; train the same net from
//     scratch on the same images; compare the test accuracies on classes 5–9.
//  B. Load LeNet-5 weights trained in PyTorch (tools/pytorch_lenet_train.py) and evaluate them here, next to the
//     accuracy PyTorch measured on the same test images.
// Data: --data DIR, else the Debian package dataset-fashion-mnist, else the subset in data/fashion-mnist-subset.
var options = Options.Parse(args);
if (options.ExportDirectory is { } exportTo)
{
    ImageFolderFineTuning.ExportFashion(options, exportTo);
    return;
}
if (options.ImagesDirectory is { } images)
{
    ImageFolderFineTuning.Run(options, images);
    return;
}
var (train, test, source) = FashionMnist.Load(options.DataDirectory);
Console.WriteLine($"Fashion-MNIST from {source}: {train.Count:N0} training and {test.Count:N0} test images");

// ---------------------------------------------------------------------------------------------------------- part A
Dataset pretrainSet = ClassSubsets.Classes(train, 0, 5);
Dataset pretrainTest = ClassSubsets.Classes(test, 0, 5);
Dataset fewLabelled = ClassSubsets.FirstPerClass(train, 5, 5, options.Labelled / 5);
Dataset targetTest = ClassSubsets.Classes(test, 5, 5);
Console.WriteLine();
Console.WriteLine($"A. Pretraining on classes 0–4 ({pretrainSet.Count:N0} images, {options.PretrainEpochs} epoch(s), batch 64, SGD lr 0.05 momentum 0.9)");

var pretrained = new PretrainNet(options.Seed) { Threads = options.Threads };
Trainer.Fit(pretrained, pretrainSet, new TrainingOptions
{
    Epochs = options.PretrainEpochs, BatchSize = 64, Optimizer = new Sgd(0.05f, momentum: 0.9f),
    Seed = (ulong)options.Seed, Progress = TrainingProgress.Lines, TrainingAccuracy = false,
});
Console.WriteLine($"   test accuracy on classes 0–4: {Evaluation.Accuracy(pretrained, pretrainTest):P2}");
Directory.CreateDirectory(options.OutputDirectory);
string pretrainedPath = Path.Combine(options.OutputDirectory, "pretrained_classes_0_4.safetensors");
pretrained.SaveWeights(pretrainedPath);
Console.WriteLine($"   saved {pretrainedPath}");

var fineTuneOptions = new TrainingOptions
{
    Epochs = options.FineTuneEpochs, BatchSize = 32, Optimizer = new Sgd(0.02f, momentum: 0.9f),
    Seed = (ulong)options.Seed, Progress = TrainingProgress.None, TrainingAccuracy = false,
};
string[][] frozenSets = options.Frozen is { } frozen ? [frozen] : [["conv1", "conv2", "dense1", "dense2"], ["conv1", "conv2"]];
var results = new List<(string What, double Accuracy)>();
Console.WriteLine($"   fine-tuning on {fewLabelled.Count} labelled images of classes 5–9 ({options.Labelled / 5} per class), {options.FineTuneEpochs} epochs, batch 32, SGD lr 0.02 momentum 0.9");
foreach (string[] frozenLayers in frozenSets)
{
    var fineTuned = new FineTuneNet(options.Seed) { Threads = options.Threads };
    // The old head is skipped (Strict = false) and the new one may keep its initialization (AllowMissing); any other
    // tensor the file lacked would be an error rather than silently random.
    WeightLoadReport report = fineTuned.LoadWeights(pretrainedPath, new LoadOptions { Strict = false, AllowMissing = ["new_head"] });
    if (results.Count == 0)
    {
        Console.WriteLine($"   partial load into FineTuneNet: loaded {string.Join(", ", report.Loaded)}; not in this net: {string.Join(", ", report.Unexpected)}; kept initialized: {string.Join(", ", report.Missing)}");
    }
    foreach (string layer in frozenLayers) fineTuned.SetFrozen(layer);
    float[] frozenBefore = LayerValues(fineTuned, frozenLayers);
    Trainer.Fit(fineTuned, fewLabelled, fineTuneOptions with { Optimizer = new Sgd(0.02f, momentum: 0.9f) });
    bool kept = LayerValues(fineTuned, frozenLayers).AsSpan().SequenceEqual(frozenBefore);
    results.Add(($"pretrained, {string.Join("+", frozenLayers)} frozen{(kept ? "" : " (MOVED!)")}", Evaluation.Accuracy(fineTuned, targetTest)));
}

var scratch = new FineTuneNet(options.Seed) { Threads = options.Threads };
Trainer.Fit(scratch, fewLabelled, fineTuneOptions with { Optimizer = new Sgd(0.02f, momentum: 0.9f) });
results.Add(("from scratch, same images and recipe", Evaluation.Accuracy(scratch, targetTest)));

Console.WriteLine($"   test accuracy on classes 5–9 ({targetTest.Count:N0} images; frozen layers stay bitwise unchanged):");
foreach (var (setup, accuracy) in results) Console.WriteLine($"     {setup + ":",-50} {accuracy:P2}");

// ---------------------------------------------------------------------------------------------------------- part B
Console.WriteLine();
string weightsDirectory = Path.Combine(AppContext.BaseDirectory, "weights");
string pytorchWeights = Path.Combine(weightsDirectory, "lenet_pytorch.safetensors");
Console.WriteLine($"B. LeNet-5 trained in PyTorch: {pytorchWeights}");
var lenet = new LeNet5();
lenet.LoadWeights(pytorchWeights); // strict: every tensor by name and shape
var predictions = new int[test.Count];
lenet.Classify(test.Samples, predictions);
int correct = 0;
for (int i = 0; i < test.Count; i++) if (predictions[i] == test.Label(i)) correct++;
using JsonDocument figures = JsonDocument.Parse(File.ReadAllText(Path.Combine(weightsDirectory, "lenet_pytorch.json")));
JsonElement root = figures.RootElement;
(string key, string what) = test.Count == root.GetProperty("test_count").GetInt32()
    ? ("test_correct", "the full test set")
    : ("subset_test_correct", "the shipped subset's test images");
int pytorchCorrect = root.GetProperty(key).GetInt32();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   test accuracy on {what} ({test.Count:N0} images): CnnCompiler {100.0 * correct / test.Count:F2}% ({correct} correct), PyTorch {100.0 * pytorchCorrect / test.Count:F2}% ({pytorchCorrect} correct)"));

static float[] LayerValues(INetwork network, string[] layers) =>
    network.Tensors.Where(t => layers.Contains(t.Layer)).SelectMany(t => t.Values(network).ToArray()).ToArray();
