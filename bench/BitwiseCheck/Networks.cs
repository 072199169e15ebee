namespace CnnCompiler.BitwiseCheck;

// Every element-wise kind and setting, compiled by the generator of the build under test: BatchNorm after a
// convolution (folded, ReLU fused) and after a dense layer (per feature), a custom momentum and ε, dropout, a residual
// add without ReLU after it, LeakyReLU, ELU, GELU, Sigmoid and Tanh as layers, and global max pooling.
[Network(3, 8, 8)]
[Conv2D(8, 3, Padding = Padding.Same, Name = "stem")]
[BatchNorm]
[ReLU(Name = "a")]
[Dropout(0.25f)]
[Conv2D(8, 3, Padding = Padding.Same, UseBias = false)]
[BatchNorm(Momentum = 0.2f, Epsilon = 1e-3f)]
[Add("a")]
[LeakyReLU(0.2f)]
[Conv2D(8, 3, Padding = Padding.Same)]
[ELU(0.7f)]
[GELU]
[Sigmoid]
[Tanh]
[GlobalMaxPool]
[Dense(6)]
[BatchNorm]
[ReLU]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class EveryKind;

// Global average pooling, a stand-alone ReLU that nothing fuses, and a network that ends in a flatten (its output
// becomes an identity layer, so that the outputs have a buffer of their own).
[Network(2, 6, 6)]
[Conv2D(4, 3, Padding = Padding.Same)]
[ReLU]
[GlobalAveragePool]
[Dense(12)]
[Flatten]
[SoftmaxCrossEntropy]
public partial class FlattenEnd;
