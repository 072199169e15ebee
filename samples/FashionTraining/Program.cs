using CnnCompiler;
using CnnCompiler.Samples.FashionTraining;

// The full training recipe on Fashion-MNIST: augmentation (horizontal flip, ±2-pixel translation), SGD with Nesterov
// momentum, one epoch of linear warm-up then cosine annealing, 10% of the training set held out for validation, early
// stopping on validation accuracy (best weights restored), a checkpoint per epoch, history as CSV/JSON, and pictures:
// the first layer's filters, feature maps of one test image, and the training curves.
var options = SampleOptions.Parse(args);
var (train, test, source) = FashionMnist.Load(options.DataDirectory);
Console.WriteLine($"Fashion-MNIST from {source}: {train.Count:N0} training and {test.Count:N0} test images");

IClassifier network = options.Net == "lenet5" ? new LeNet5(options.Seed) : new WideLeNet(options.Seed);
Console.WriteLine(options.Net == "lenet5" ? LeNet5.Summary() : WideLeNet.Summary());

const double validationShare = 0.1;
int stepsPerEpoch = (int)Math.Ceiling(train.Count * (1 - validationShare) / options.BatchSize);
var optimizer = new Sgd(options.LearningRate, momentum: 0.9f, nesterov: true, weightDecay: 5e-4f);
ILearningRateSchedule schedule = new CosineAnnealingLR(options.LearningRate, tMax: (long)stepsPerEpoch * options.Epochs)
    .WithWarmup(warmupSteps: stepsPerEpoch, startFactor: 0.1);
string checkpoints = Path.Combine(options.OutputDirectory, "checkpoints");
Console.WriteLine($"Recipe: {options.Epochs} epochs, batch {options.BatchSize}, SGD lr {options.LearningRate} (1 epoch warm-up, cosine to 0), Nesterov momentum 0.9, weight decay 5e-4, flip + translate ±2 px, seed {options.Seed}, {options.Threads} thread(s)");

TrainingHistory history = Trainer.Fit(network, train, new TrainingOptions
{
    Epochs = options.Epochs,
    BatchSize = options.BatchSize,
    Optimizer = optimizer,
    Schedule = schedule,
    Augmentation = new Compose(new RandomHorizontalFlip(), new RandomCrop(padding: 2)),
    ValidationSplit = validationShare,
    EarlyStopping = new EarlyStopping { Metric = EarlyStoppingMetric.ValidationAccuracy, Patience = 3 },
    CheckpointDirectory = checkpoints,
    Seed = (ulong)options.Seed,
    Threads = options.Threads,
    TrainingAccuracy = false,
});

double accuracy = Evaluation.Accuracy(network, test);
string stopped = history.StoppedEarly ? $", stopped early; best epoch {history.BestEpoch} restored" : history.BestEpoch is { } best ? $"; best epoch {best} restored" : "";
Console.WriteLine($"Test accuracy {accuracy:P2} after {history.Epochs.Count} epoch(s){stopped}");

Directory.CreateDirectory(options.OutputDirectory);
history.SaveCsv(Path.Combine(options.OutputDirectory, "history.csv"));
history.SaveJson(Path.Combine(options.OutputDirectory, "history.json"));
network.SaveWeights(Path.Combine(options.OutputDirectory, $"{options.Net}.safetensors"));
Visualize.Filters(network, Path.Combine(options.OutputDirectory, "filters.png"));
Visualize.FeatureMaps(network, "conv1", test.Sample(0), Path.Combine(options.OutputDirectory, "feature-maps-conv1.png"));
Visualize.TrainingCurves(Path.Combine(options.OutputDirectory, "curves.png"), history);
Console.WriteLine($"Wrote history.csv, history.json, {options.Net}.safetensors, filters.png, feature-maps-conv1.png and curves.png to {options.OutputDirectory}");
