namespace CnnCompiler.Samples.FashionTraining;

// LeNet-5 as in samples/LeNet.
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

// LeNet-5 with twice the filters in both convolutions, BatchNorm after them and dropout before the classifier: about
// 3.6 MFLOP per image (LeNet-5: 0.83), still a small net.
[Network(1, 28, 28)]
[Conv2D(16, 5, Padding = Padding.Same, UseBias = false)]
[BatchNorm]
[ReLU]
[MaxPool2D(2)]
[Conv2D(32, 5, UseBias = false)]
[BatchNorm]
[ReLU]
[MaxPool2D(2)]
[Dense(120, Activation = Activation.ReLU)]
[Dropout(0.25f)]
[Dense(84, Activation = Activation.ReLU)]
[Dense(10)]
[SoftmaxCrossEntropy]
public partial class WideLeNet;
