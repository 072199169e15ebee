// The C# twins of the PyTorch networks in tools/pytorch_reference.py, one per vector file in Vectors/ (same layer
// names, so the same state_dict names). Generated names count per kind: conv1, pool1, dense1, bn1, relu1, gap1, add1, …
namespace CnnCompiler.Numerics.Tests.PyTorch;

// ---- convolutions ----

[Network(3, 12)]
[Conv1D(4, 3, Stride = 2, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class PtConv1DStridePad : ITestNetwork;

[Network(2, 9)]
[Conv1D(3, 4, Padding = Padding.Same, UseBias = false)]
[SoftmaxCrossEntropy]
public partial class PtConv1DSameEvenNoBias : ITestNetwork;

[Network(3, 6, 5)]
[Conv2D(4, 3)]
[SoftmaxCrossEntropy]
public partial class PtConv2DValid : ITestNetwork;

[Network(3, 7, 8)]
[Conv2D(4, 3, Stride = 2, Padding = Padding.Same)]
[SoftmaxCrossEntropy]
public partial class PtConv2DSameStride2 : ITestNetwork;

[Network(2, 5, 6)]
[Conv2D(3, 4, Padding = Padding.Same)]
[SoftmaxCrossEntropy]
public partial class PtConv2DSameEven : ITestNetwork;

[Network(2, 6, 6)]
[Conv2D(5, 3, PaddingSize = 1, UseBias = false, Activation = Activation.ReLU)]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class PtConv2DExplicitNoBiasReLU : ITestNetwork;

[Network(3, 7, 9)]
[Conv2D(4, 3, 2, StrideHeight = 2, PaddingHeight = 1)]
[SoftmaxCrossEntropy]
public partial class PtConv2DRectangular : ITestNetwork;

[Network(2, 8, 8)]
[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(6, 3, Activation = Activation.Tanh)]
[Dense(5)]
[SoftmaxCrossEntropy]
public partial class PtConv2DStack : ITestNetwork;

[Network(2, 4, 5, 5)]
[Conv3D(3, 3, Stride = 2, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class PtConv3DStridePad : ITestNetwork;

[Network(2, 3, 4, 4)]
[Conv3D(2, 2, Padding = Padding.Same, UseBias = false)]
[SoftmaxCrossEntropy]
public partial class PtConv3DSameNoBias : ITestNetwork;

// ---- pooling (average pooling counts padding in the divisor unless CountIncludePad = false, as PyTorch's count_include_pad) ----

[Network(3, 11)]
[MaxPool1D(3, Stride = 2, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class PtMaxPool1DPadded : ITestNetwork;

[Network(2, 6, 6)]
[MaxPool2D(2)]
[SoftmaxCrossEntropy]
public partial class PtMaxPool2DPlain : ITestNetwork;

[Network(2, 7, 7)]
[MaxPool2D(3, Stride = 2, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class PtMaxPool2DPadded : ITestNetwork;

[Network(1, 8, 8)]
[MaxPool2D(2, Stride = 3)]
[SoftmaxCrossEntropy]
public partial class PtMaxPool2DStrideBeyondWindow : ITestNetwork;

[Network(2, 5, 5, 5)]
[MaxPool3D(3, Stride = 2, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class PtMaxPool3DPadded : ITestNetwork;

[Network(2, 9)]
[AvgPool1D(3, Stride = 2, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class PtAvgPool1DPadded : ITestNetwork;

[Network(3, 6, 6)]
[AvgPool2D(2)]
[SoftmaxCrossEntropy]
public partial class PtAvgPool2DPlain : ITestNetwork;

[Network(2, 7, 7)]
[AvgPool2D(3, Stride = 2, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class PtAvgPool2DPadded : ITestNetwork;

[Network(2, 6, 7)]
[AvgPool2D(3, 2, Stride = 1)]
[SoftmaxCrossEntropy]
public partial class PtAvgPool2DOverlapping : ITestNetwork;

[Network(2, 5, 5, 5)]
[AvgPool3D(3, Stride = 2, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class PtAvgPool3DPadded : ITestNetwork;

// count_include_pad = False: a window over the padding divides by the inputs it covers.
[Network(2, 9)]
[AvgPool1D(3, Stride = 2, PaddingSize = 1, CountIncludePad = false)]
[SoftmaxCrossEntropy]
public partial class PtAvgPool1DPaddedExclude : ITestNetwork;

[Network(2, 7, 6)]
[AvgPool2D(3, 2, StrideHeight = 2, StrideWidth = 1, PaddingSize = 1, CountIncludePad = false)]
[SoftmaxCrossEntropy]
public partial class PtAvgPool2DPaddedExclude : ITestNetwork;

[Network(2, 5, 5, 5)]
[AvgPool3D(3, Stride = 2, PaddingSize = 1, CountIncludePad = false)]
[SoftmaxCrossEntropy]
public partial class PtAvgPool3DPaddedExclude : ITestNetwork;

[Network(3, 4, 5)]
[Conv2D(4, 3)]
[GlobalAveragePool]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtGlobalAvgPool : ITestNetwork;

[Network(3, 4, 5)]
[Conv2D(4, 3)]
[GlobalMaxPool]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtGlobalMaxPool : ITestNetwork;

[Network(3, 10)]
[Conv1D(4, 3)]
[GlobalAveragePool]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtGlobalAvgPool1D : ITestNetwork;

// ---- dense ----

[Network(2, 3, 4)]
[Dense(5)]
[SoftmaxCrossEntropy]
public partial class PtDenseSpatialInput : ITestNetwork;

[Network(1, 12)]
[Dense(6, Activation = Activation.Tanh)]
[Dense(4, UseBias = false)]
[SoftmaxCrossEntropy]
public partial class PtDenseTanhNoBias : ITestNetwork;

[Network(1, 67)]
[Dense(13)]
[SoftmaxCrossEntropy]
public partial class PtDenseOddSizes : ITestNetwork;

// ---- BatchNorm (the *_train and *_eval vectors share these classes; no bias before BatchNorm, see the script) ----

[Network(2, 5, 5)]
[Conv2D(3, 3, PaddingSize = 1, UseBias = false)]
[BatchNorm]
[ReLU]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtBatchNormConv : ITestNetwork;

[Network(1, 6)]
[Dense(5, UseBias = false)]
[BatchNorm]
[Tanh]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtBatchNormDense : ITestNetwork;

[Network(2, 3, 4, 4)]
[Conv3D(3, 2, UseBias = false)]
[BatchNorm]
[GlobalAveragePool]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtBatchNormConv3D : ITestNetwork;

// ---- activations ----

[Network(1, 8)]
[Dense(6)]
[ReLU]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtReLU : ITestNetwork;

[Network(1, 8)]
[Dense(6)]
[LeakyReLU(0.2f)]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtLeakyReLU : ITestNetwork;

[Network(1, 8)]
[Dense(6)]
[ELU(0.7f)]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtELU : ITestNetwork;

[Network(1, 8)]
[Dense(6)]
[GELU]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtGELU : ITestNetwork;

[Network(1, 8)]
[Dense(6)]
[Sigmoid]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtSigmoid : ITestNetwork;

[Network(1, 8)]
[Dense(6)]
[Tanh]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtTanh : ITestNetwork;

[Network(1, 8)]
[Dense(7, Activation = Activation.GELU)]
[Dense(6, Activation = Activation.ELU)]
[Dense(5, Activation = Activation.LeakyReLU)]
[Dense(4, Activation = Activation.Sigmoid)]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtFusedDenseActivations : ITestNetwork;

[Network(2, 6, 6)]
[Conv2D(3, 3, Activation = Activation.LeakyReLU)]
[Conv2D(3, 2, Activation = Activation.ELU)]
[Conv2D(3, 2, Activation = Activation.GELU)]
[Flatten]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class PtFusedConvActivations : ITestNetwork;

// ReLU6, Hardswish, Hardsigmoid and SiLU: on the input (scaled to [-8, 8] by the script) and after a dense layer.
[Network(1, 12)]
[ReLU6]
[Dense(6)]
[ReLU6]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtReLU6 : ITestNetwork;

[Network(1, 12)]
[Hardswish]
[Dense(6)]
[Hardswish]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtHardswish : ITestNetwork;

[Network(1, 12)]
[Hardsigmoid]
[Dense(6)]
[Hardsigmoid]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtHardsigmoid : ITestNetwork;

[Network(1, 12)]
[SiLU]
[Dense(6)]
[SiLU]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtSiLU : ITestNetwork;

[Network(1, 8)]
[Dense(7, Activation = Activation.ReLU6)]
[Dense(6, Activation = Activation.Hardswish)]
[Dense(5, Activation = Activation.Hardsigmoid)]
[Dense(4, Activation = Activation.SiLU)]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtFusedDenseModernActivations : ITestNetwork;

[Network(2, 6, 6)]
[Conv2D(3, 3, Activation = Activation.ReLU6)]
[Conv2D(3, 2, Activation = Activation.Hardswish)]
[Conv2D(3, 2, Activation = Activation.Hardsigmoid)]
[Conv2D(2, 1, Activation = Activation.SiLU)]
[Flatten]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class PtFusedConvModernActivations : ITestNetwork;

// ---- float-target losses ----

[Network(2, 3, 3)]
[Conv2D(2, 2, Activation = Activation.Sigmoid)]
[Dense(4)]
[MeanSquaredError]
public partial class PtMse : IParityRegressor;

[Network(1, 6)]
[Dense(5, Activation = Activation.Tanh)]
[Dense(4)]
[BinaryCrossEntropy]
public partial class PtBce : IParityRegressor;

// ---- residuals ----

[Network(2, 4, 4)]
[Conv2D(3, 3, PaddingSize = 1, Activation = Activation.ReLU, Name = "a")]
[Conv2D(3, 3, PaddingSize = 1)]
[Add("a")]
[ReLU]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtResidualIdentity : ITestNetwork;

[Network(2, 6, 6)]
[Conv2D(3, 3, PaddingSize = 1, Activation = Activation.ReLU, Name = "a")]
[Conv2D(4, 3, Stride = 2, PaddingSize = 1)]
[Add("a", Projection = true)]
[ReLU]
[GlobalAveragePool]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtResidualProjection : ITestNetwork;

[Network(3, 6, 6)]
[Conv2D(4, 3, PaddingSize = 1, UseBias = false)]
[BasicBlock(4)]
[BasicBlock(6, Stride = 2)]
[GlobalAveragePool]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtBasicBlock : ITestNetwork;

// The shortcut has the block's stride on every axis, as torchvision's: 4 → 2 and 7 → 3 at stride 3, 11 → 3 and
// 12 → 3 at stride 5 (a stride inferred from one axis's sizes would be 2 and 4).
[Network(2, 4, 7)]
[BasicBlock(3, Stride = 3)]
[GlobalAveragePool]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtBasicBlockStride3 : ITestNetwork;

[Network(2, 11, 12)]
[BasicBlock(2, Stride = 5)]
[Flatten]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtBasicBlockStride5NonSquare : ITestNetwork;

// A projection strided 3 × 2, as the convolution beside it.
[Network(2, 7, 10)]
[Conv2D(3, 3, PaddingSize = 1, Activation = Activation.ReLU, Name = "a")]
[Conv2D(4, 3, StrideHeight = 3, StrideWidth = 2, PaddingSize = 1)]
[Add("a", Projection = true)]
[ReLU]
[GlobalAveragePool]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class PtResidualProjectionStride3x2 : ITestNetwork;

// ---- upsampling ----

[Network(2, 3, 4)]
[Conv2D(3, 3, PaddingSize = 1, Activation = Activation.Tanh)]
[Upsample2D(2)]
[Conv2D(2, 3)]
[SoftmaxCrossEntropy]
public partial class PtUpsample2DNearest : ITestNetwork;

[Network(2, 3, 4)]
[Conv2D(3, 3, PaddingSize = 1, Activation = Activation.Tanh)]
[Upsample2D(2, Mode = UpsampleMode.Linear)]
[Conv2D(2, 3)]
[SoftmaxCrossEntropy]
public partial class PtUpsample2DBilinear : ITestNetwork;

[Network(2, 5)]
[Upsample1D(3, Mode = UpsampleMode.Linear)]
[Conv1D(2, 3)]
[SoftmaxCrossEntropy]
public partial class PtUpsample1DLinear : ITestNetwork;

[Network(1, 2, 3, 2)]
[Upsample3D(2, 1, 3, Mode = UpsampleMode.Linear)]
[Conv3D(2, 2)]
[SoftmaxCrossEntropy]
public partial class PtUpsample3DTrilinearPerAxis : ITestNetwork;

// Squeeze-and-excitation: the sigmoid's vector times the feature map saved before the pool (x * s.view(N, C, 1, 1)).
[Network(2, 4, 5)]
[Conv2D(4, 3, PaddingSize = 1, Activation = Activation.Tanh, Name = "features")]
[GlobalAveragePool]
[Dense(2, Activation = Activation.ReLU)]
[Dense(4, Activation = Activation.Sigmoid)]
[Multiply("features")]
[Conv2D(2, 3)]
[SoftmaxCrossEntropy]
public partial class PtSqueezeExciteGateCurrent : ITestNetwork;

// Both orders in 1D: the gate times the named feature map, then a convolution's output times the named gate.
[Network(2, 7)]
[Conv1D(3, 3, PaddingSize = 1, Activation = Activation.Tanh, Name = "features")]
[GlobalAveragePool]
[Dense(3, Activation = Activation.Sigmoid, Name = "gate")]
[Multiply("features")]
[Conv1D(3, 3, PaddingSize = 1, Activation = Activation.Tanh)]
[Multiply("gate")]
[Conv1D(2, 2)]
[SoftmaxCrossEntropy]
public partial class PtSqueezeExciteGateNamed1D : ITestNetwork;
