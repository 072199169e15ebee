namespace CnnCompiler.Samples.Architectures;

// A 1D CNN for 1-channel signals of length 256 (four waveform classes: sine, square, sawtooth, chirp).
[Network(1, 256)]
[Conv1D(16, 7, Padding = Padding.Same)]
[BatchNorm]
[ReLU]
[MaxPool1D(2)]
[Conv1D(32, 5, Padding = Padding.Same)]
[BatchNorm]
[ReLU]
[MaxPool1D(2)]
[Conv1D(32, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[GlobalAveragePool]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class SignalNet;
