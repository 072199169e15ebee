namespace CnnCompiler.Samples.Architectures;

// A 3D CNN for short clips (1 channel, 8 frames of 16×16): which way a square moves (left, right, up, down).
[Network(1, 8, 16, 16)]
[Conv3D(8, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool3D(2)]
[Conv3D(16, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool3D(2)]
[GlobalAveragePool]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class ClipNet;
