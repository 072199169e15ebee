namespace CnnCompiler.Bench.Networks;

// The two 3×32×32 networks of the peer script ../shared/bench/pytorch/cnn_throughput.py, layer for layer.

// VGG-small: three stages of two 3×3 'same' convolutions with ReLU (64, 128, 256 filters) and 2×2 max pooling, global
// average pooling and a 10-way classifier.
[Network(3, 32, 32)]
[Conv2D(64, 3, PaddingSize = 1, Activation = Activation.ReLU)]
[Conv2D(64, 3, PaddingSize = 1, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(128, 3, PaddingSize = 1, Activation = Activation.ReLU)]
[Conv2D(128, 3, PaddingSize = 1, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(256, 3, PaddingSize = 1, Activation = Activation.ReLU)]
[Conv2D(256, 3, PaddingSize = 1, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[GlobalAveragePool]
[Dense(10)]
[SoftmaxCrossEntropy]
public partial class BenchVggSmall;

// ResNet-20 as samples/Architectures declares it (torchvision-style names).
[Network(3, 32, 32)]
[Conv2D(16, 3, PaddingSize = 1, UseBias = false, Name = "conv1")]
[BatchNorm(Name = "bn1")]
[ReLU]
[BasicBlock(16, Name = "layer1.0")]
[BasicBlock(16, Name = "layer1.1")]
[BasicBlock(16, Name = "layer1.2")]
[BasicBlock(32, Stride = 2, Name = "layer2.0")]
[BasicBlock(32, Name = "layer2.1")]
[BasicBlock(32, Name = "layer2.2")]
[BasicBlock(64, Stride = 2, Name = "layer3.0")]
[BasicBlock(64, Name = "layer3.1")]
[BasicBlock(64, Name = "layer3.2")]
[GlobalAveragePool]
[Dense(10, Name = "fc")]
[SoftmaxCrossEntropy]
public partial class BenchResNet20;
