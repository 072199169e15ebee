namespace CnnCompiler.Samples.Architectures;

// VGG-style: stacks of 3×3 'same' convolutions with BatchNorm and ReLU, max pooling between stages, global average
// pooling and a linear classifier (the VGG-small of the benchmarks: 64-64-pool-128-128-pool-256-256-pool-GAP-10, with
// BatchNorm after every convolution as torchvision's vgg*_bn).
[Network(3, 32, 32)]
[Conv2D(64, 3, Padding = Padding.Same)]
[BatchNorm]
[ReLU]
[Conv2D(64, 3, Padding = Padding.Same)]
[BatchNorm]
[ReLU]
[MaxPool2D(2)]
[Conv2D(128, 3, Padding = Padding.Same)]
[BatchNorm]
[ReLU]
[Conv2D(128, 3, Padding = Padding.Same)]
[BatchNorm]
[ReLU]
[MaxPool2D(2)]
[Conv2D(256, 3, Padding = Padding.Same)]
[BatchNorm]
[ReLU]
[Conv2D(256, 3, Padding = Padding.Same)]
[BatchNorm]
[ReLU]
[MaxPool2D(2)]
[GlobalAveragePool]
[Dense(10)]
[SoftmaxCrossEntropy]
public partial class VggSmall;
