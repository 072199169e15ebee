namespace CnnCompiler.Samples.AotInference;

// LeNet-5 for 28×28 grayscale images, as in samples/LeNet.
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
