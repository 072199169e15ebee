namespace CnnCompiler.Samples.Architectures;

// A net for 7-band multispectral tiles of 32×32 (for example land-cover classes): any channel count works the same way.
[Network(7, 32, 32)]
[Conv2D(32, 3, Padding = Padding.Same)]
[BatchNorm]
[LeakyReLU(0.1f)]
[MaxPool2D(2)]
[Conv2D(64, 3, Padding = Padding.Same, Activation = Activation.GELU)]
[AvgPool2D(2)]
[GlobalMaxPool]
[Dense(32, Activation = Activation.ELU)]
[Dense(5)]
[SoftmaxCrossEntropy]
public partial class MultispectralNet;
