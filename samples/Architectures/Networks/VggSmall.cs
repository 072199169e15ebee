namespace CnnCompiler.Samples.Architectures;

// VGG-style: stacks of 3×3 'same' convolutions with BatchNorm and ReLU, max pooling between stages, global average
// pooling and a linear classifier (the VGG-small of the benchmarks: 64-64-pool-128-128-pool-256-256-pool-GAP-10).
[Network(3, 32, 32)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(128, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(128, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(256, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(256, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[GlobalAveragePool]
[Dense(10)]
[SoftmaxCrossEntropy]
public partial class VggSmall;
