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

// ResNet-20 is samples/Architectures' own declaration, compiled in here (CnnCompiler.Bench.csproj links the file).
