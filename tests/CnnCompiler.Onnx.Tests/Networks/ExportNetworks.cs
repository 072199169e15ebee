namespace CnnCompiler.OnnxTests.Networks;

// The networks the export tests run in ONNX Runtime, beside samples/Architectures' VGG-small, ResNet-20, SignalNet (Conv1D)
// and ClipNet (Conv3D).

/// <summary>LeNet-5 as samples/LeNet and tools/pytorch_lenet_train.py declare it.</summary>
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

/// <summary>
/// BatchNorm and residual paths: a plain add, an add with a strided projection, a basic block with a downsample, a
/// BatchNorm after a dense layer and one after a pool (not folded), dropout, and every fused and stand-alone activation.
/// </summary>
[Network(3, 12, 12)]
[Conv2D(8, 3, PaddingSize = 1, UseBias = false, Name = "stem")]
[BatchNorm]
[LeakyReLU(0.2f)]
[Conv2D(8, 3, PaddingSize = 1, Activation = Activation.ELU)]
[BatchNorm(Epsilon = 1e-3f, Momentum = 0.2f)]
[Add("bn1")]
[ReLU]
[Conv2D(16, 3, Stride = 2, PaddingSize = 1, Activation = Activation.LeakyReLU)]
[Add("relu1", Projection = true)]
[BasicBlock(24, Stride = 2, Name = "block")]
[AvgPool2D(2, Stride = 1, PaddingSize = 1, CountIncludePad = false)]
[BatchNorm]
[Tanh]
[Dropout(0.3f)]
[Conv2D(12, 1, Activation = Activation.GELU)]
[GlobalMaxPool]
[Dense(16, Activation = Activation.Sigmoid)]
[BatchNorm]
[ELU(0.5f)]
[Dense(6, Activation = Activation.Tanh)]
[GELU]
[Dense(5)]
[SoftmaxCrossEntropy]
public partial class ResidualNet;

/// <summary>
/// The activations of small modern CNNs, each fused into a convolution and a dense layer and stand-alone: ReLU6 as
/// Clip(0, 6), Hardswish, Hardsigmoid (α = 1/6, β = 0.5) and SiLU as x · Sigmoid(x).
/// </summary>
[Network(3, 8, 8)]
[Conv2D(8, 3, PaddingSize = 1, Activation = Activation.ReLU6)]
[Hardswish]
[Conv2D(8, 3, Stride = 2, PaddingSize = 1, Activation = Activation.Hardswish)]
[ReLU6]
[Conv2D(8, 1, Activation = Activation.SiLU)]
[Hardsigmoid]
[Conv2D(8, 1, Activation = Activation.Hardsigmoid)]
[SiLU]
[GlobalAveragePool]
[Dense(12, Activation = Activation.ReLU6)]
[Dense(10, Activation = Activation.SiLU)]
[Dense(8, Activation = Activation.Hardswish)]
[Dense(6, Activation = Activation.Hardsigmoid)]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class ModernActivationNet;

/// <summary>Average pooling that counts padding, in 1D and 3D, and a sigmoid output (binary cross-entropy).</summary>
[Network(2, 6, 7, 8)]
[Conv3D(4, 3, 1, 3, StrideDepth = 2, PaddingDepth = 1, PaddingWidth = 2)]
[AvgPool3D(3, Stride = 2, PaddingSize = 1)]
[Flatten]
[Dense(3)]
[BinaryCrossEntropy]
public partial class SigmoidNet;

/// <summary>A regression on raw outputs whose last layer is a convolution (spatial output) and a 1D average pool with padding counted.</summary>
[Network(3, 20)]
[Conv1D(4, 3, Padding = Padding.Same, Activation = Activation.Tanh)]
[AvgPool1D(3, Stride = 2, PaddingSize = 1)]
[Dropout(0.1f)]
[Conv1D(2, 4, Stride = 3)]
[MeanSquaredError]
public partial class RegressionNet;

/// <summary>Upsampling as Resize: nearest by 2, bilinear by 3×2 (align_corners = False), between convolutions.</summary>
[Network(2, 5, 6)]
[Conv2D(3, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Upsample2D(2)]
[Conv2D(4, 3, Padding = Padding.Same)]
[Upsample2D(3, 2, Mode = UpsampleMode.Linear)]
[GlobalAveragePool]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class UpsampleNet;

/// <summary>Trilinear upsampling by 2×1×3 and 1D-style nearest on a volume.</summary>
[Network(2, 3, 4, 5)]
[Upsample3D(2, 1, 3, Mode = UpsampleMode.Linear)]
[Conv3D(3, 3, Padding = Padding.Same)]
[Upsample3D(1, 2, 2)]
[Flatten]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class UpsampleVolumeNet;

/// <summary>
/// Squeeze-and-excitation gates as Mul: the dense sigmoid's vector unsqueezed to N×C×1×1 times the feature map saved
/// before the pool, a convolution's output times that named gate, and a C×1×1 gate (a whole-map average pool and a
/// 1×1 convolution) multiplied as it is.
/// </summary>
[Network(3, 8, 8)]
[Conv2D(6, 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = "features")]
[GlobalAveragePool]
[Dense(3, Activation = Activation.ReLU)]
[Dense(6, Activation = Activation.Sigmoid, Name = "gate")]
[Multiply("features")]
[Conv2D(6, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[Multiply("gate", Name = "excited")]
[AvgPool2D(8)]
[Conv2D(6, 1, Activation = Activation.Sigmoid)]
[Multiply("excited")]
[GlobalAveragePool]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class SqueezeExciteNet;
