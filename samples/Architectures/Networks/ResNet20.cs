namespace CnnCompiler.Samples.Architectures;

// ResNet-20 for 3×32×32 images (He et al. 2016, CIFAR variant): a 3×3 stem, three stages of three basic blocks with
// 16, 32 and 64 channels (the first block of stages 2 and 3 halves the size, with a projection shortcut), global
// average pooling and a 10-way classifier. 272,474 parameters.
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
public partial class ResNet20;
