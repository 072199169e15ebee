namespace CnnCompiler.Images.Tests;

[Network(3, 16, 16)]
[Conv2D(6, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[GlobalAveragePool]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class RgbNet;

[Network(1, 16, 16)]
[Conv2D(4, 3, Activation = Activation.ReLU)]
[GlobalMaxPool]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class GrayNet;
