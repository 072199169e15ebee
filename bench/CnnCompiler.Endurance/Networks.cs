namespace CnnCompiler.Endurance;

// The fault-injection network: small enough for epochs of a fraction of a second, with every kind of state a
// checkpoint must carry: BatchNorm running statistics, dropout masks from the network's own generator (its
// TrainingRandom), and AdamW's two moment buffers per parameter (set up in TrainCommand).
[Network(1, 28, 28)]
[Conv2D(8, 3, Padding = Padding.Same)]
[BatchNorm]
[ReLU]
[MaxPool2D(2)]
[Conv2D(16, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dense(64, Activation = Activation.ReLU)]
[Dropout(0.25f)]
[Dense(10)]
[SoftmaxCrossEntropy]
public partial class SmallNet;

// LeNet-5 as in samples/LeNet: the soak run's default.
[Network(1, 28, 28)]
[Conv2D(6, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(16, 5, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dense(120, Activation = Activation.ReLU)]
[Dense(84, Activation = Activation.ReLU)]
[Dense(10)]
[SoftmaxCrossEntropy]
public partial class LeNet5;

internal static class Networks
{
    public static readonly string[] Names = ["small", "lenet5"];

    public static IClassifier Create(string name, int seed) => name switch
    {
        "small" => new SmallNet(seed),
        "lenet5" => new LeNet5(seed),
        _ => throw new ArgumentException($"Unknown network '{name}'; expected one of: {string.Join(", ", Names)}.", nameof(name)),
    };
}
