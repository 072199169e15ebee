// The networks of the robustness tests. Layer names are the generated ones (conv1, pool1, dense1, …).
namespace CnnCompiler.Robustness.Tests.Networks;

// A tiny conv net on 1×8×8 with three classes: conv1 4×1×3×3 → 4×6×6, pool → 4×3×3, dense1 3×36.
[Network(1, 8, 8)]
[Conv2D(4, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class TinyNet;

// The same input with another architecture (wider conv, other head): its weight files and checkpoints do not fit TinyNet.
[Network(1, 8, 8)]
[Conv2D(8, 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Dense(5, Name = "head")]
[SoftmaxCrossEntropy]
public partial class OtherNet;

// BatchNorm (running statistics in State, updated by training steps) and Dropout (masks from TrainingRandom).
[Network(1, 8, 8)]
[Conv2D(4, 3)]
[BatchNorm]
[ReLU]
[MaxPool2D(2)]
[Flatten]
[Dropout(0.25f)]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class TinyBatchNormNet;

// A regressor: float targets (N × 2) instead of labels.
[Network(1, 8, 8)]
[Conv2D(2, 3, Activation = Activation.Tanh)]
[Dense(2)]
[MeanSquaredError]
public partial class TinyRegressor;

// LeNet-5 as in samples/LeNet: the network of the concurrency tests.
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
