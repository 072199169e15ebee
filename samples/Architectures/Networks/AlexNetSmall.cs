namespace CnnCompiler.Samples.Architectures;

// AlexNet-style, scaled to 3×64×64: a large strided first convolution, overlapping 3×3/2 max pooling, 'same' 3×3
// convolutions, and a dropout-regularized classifier.
[Network(3, 64, 64)]
[Conv2D(48, 11, Stride = 4, PaddingSize = 2, Activation = Activation.ReLU)]
[MaxPool2D(3, Stride = 2)]
[Conv2D(128, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(3, Stride = 2)]
[Conv2D(192, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Conv2D(128, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(3, Stride = 2)]
[Flatten]
[Dropout(0.5f)]
[Dense(256, Activation = Activation.ReLU)]
[Dropout(0.5f)]
[Dense(256, Activation = Activation.ReLU)]
[Dense(10)]
[SoftmaxCrossEntropy]
public partial class AlexNetSmall;
