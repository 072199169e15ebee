namespace CnnCompiler.Visualization.Tests;

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

/// <summary>Three input channels: filters are drawn in colour.</summary>
[Network(3, 8, 8)]
[Conv2D(4, 3, Activation = Activation.ReLU)]
[Dense(2)]
[SoftmaxCrossEntropy]
public partial class RgbNet;

/// <summary>A 1D convolution: filters are strips one value high.</summary>
[Network(2, 16)]
[Conv1D(3, 5)]
[Dense(2)]
[SoftmaxCrossEntropy]
public partial class SignalNet;

/// <summary>No convolution at all.</summary>
[Network(1, 4, 4)]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class DenseOnly;
