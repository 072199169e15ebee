// Small networks, one layer kind (or one variant of it) each, followed by the loss. Each has a hand-written reference
// twin in NetworkCases.cs. Shapes are chosen so that no stride leaves input unread (CNN0008 is an error here).
namespace CnnCompiler.Numerics.Tests.Networks;

// ---- Conv2D ----

[Network(3, 6, 5)]
[Conv2D(4, 3)]
[SoftmaxCrossEntropy]
public partial class Conv2DValid : ITestNetwork;

[Network(2, 5, 6)]
[Conv2D(3, 4, Padding = Padding.Same)] // even kernel: 1 row/column of padding before, 2 after
[SoftmaxCrossEntropy]
public partial class Conv2DSameEvenKernel : ITestNetwork;

[Network(2, 7, 8)]
[Conv2D(3, 3, Stride = 2, Padding = Padding.Same)] // height padded 1+1, width 0+1
[SoftmaxCrossEntropy]
public partial class Conv2DSameStride2 : ITestNetwork;

[Network(3, 5, 5)]
[Conv2D(2, 3, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class Conv2DExplicitPadding : ITestNetwork;

[Network(7, 7, 9)]
[Conv2D(3, 3, 2, StrideHeight = 2, PaddingHeight = 1)]
[SoftmaxCrossEntropy]
public partial class Conv2DRectangularSevenChannels : ITestNetwork;

[Network(3, 9, 9)]
[Conv2D(2, 3, Stride = 2)]
[SoftmaxCrossEntropy]
public partial class Conv2DStride2 : ITestNetwork;

[Network(2, 6, 7)]
[Conv2D(2, 2, 3, StrideWidth = 2, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class Conv2DWidthStridePadded : ITestNetwork;

[Network(3, 5, 5)]
[Conv2D(3, 3, UseBias = false)]
[SoftmaxCrossEntropy]
public partial class Conv2DNoBias : ITestNetwork;

[Network(3, 6, 6)]
[Conv2D(3, 3, Activation = Activation.ReLU)]
[SoftmaxCrossEntropy]
public partial class Conv2DReLU : ITestNetwork;

// Thin layers with 8 or more output columns take the direct forward pass (ConvEmitter.UsesDirectForward): a remainder
// vector (12 columns), exactly one vector (8), two full vectors (16); asymmetric same padding, no bias, an activation.
[Network(2, 9, 12)]
[Conv2D(3, 4, Padding = Padding.Same)]
[SoftmaxCrossEntropy]
public partial class Conv2DDirectSameEven : ITestNetwork;

[Network(3, 4, 10)]
[Conv2D(2, 3, Activation = Activation.Tanh)]
[SoftmaxCrossEntropy]
public partial class Conv2DDirectExactEightTanh : ITestNetwork;

[Network(1, 5, 16)]
[Conv2D(2, 3, PaddingSize = 1, UseBias = false)]
[SoftmaxCrossEntropy]
public partial class Conv2DDirectNoBiasPadded : ITestNetwork;

// Direct convolution tiles (DirectConvEmitter): rows wider than one tile of 4 vectors with a masked tail vector in the
// weight gradient, filters left over after the full tiles, a fused ReLU; a 5×5 kernel with a leftover row; a 3×9 kernel
// too wide for the direct weight gradient (im2col there, direct forward and input gradient).
[Network(2, 5, 45)]
[Conv2D(6, 3, Padding = Padding.Same, Activation = Activation.ReLU)]
[SoftmaxCrossEntropy]
public partial class Conv2DDirectWideReLU : ITestNetwork;

[Network(3, 7, 14)]
[Conv2D(7, 5, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class Conv2DDirectFiveByFive : ITestNetwork;

[Network(2, 4, 20)]
[Conv2D(3, 3, 9)]
[SoftmaxCrossEntropy]
public partial class Conv2DDirectWideKernel : ITestNetwork;

// Whole vectors of output channels on small planes: the weight gradient with channels in vector lanes, 40 + a
// leftover 8 channels for a 3-wide kernel, 16 channels for a 5-wide one.
[Network(2, 6, 9)]
[Conv2D(48, 3, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class Conv2DChannelGradientLeftover : ITestNetwork;

[Network(3, 8, 12)]
[Conv2D(16, 5, Padding = Padding.Same, Activation = Activation.ReLU)]
[SoftmaxCrossEntropy]
public partial class Conv2DChannelGradientFiveWide : ITestNetwork;

// Narrow rows (9 columns) with whole vectors of channels: the forward pass with channels in the lanes, 16 + a leftover
// 8 channels, 5 + 4 positions per row, no bias, Tanh after the transpose. (The two networks above take it too, with
// bias; the second with the ReLU fused into the transpose.)
[Network(2, 5, 11)]
[Conv2D(24, 3, UseBias = false, Activation = Activation.Tanh)]
[SoftmaxCrossEntropy]
public partial class Conv2DChannelForwardNoBias : ITestNetwork;

// More direct-convolution shapes: rows of 60 (7 aligned vectors and an overlapping 8th: one block of 32 columns, then
// the rest), 64 (two whole blocks) and 70 (two blocks and a rest with an overlapping vector); a 1×1 stride-1 layer;
// a kernel exactly 8 wide (the widest with the direct weight gradient) and a tall 5×1 one; an even kernel with
// explicit padding (PadEnd = kernel − 1); an im2col forward (7 columns out) whose input gradient is direct (8 in);
// 40 channels in lanes (2 + 2 + 1 vectors).
[Network(1, 2, 62)]
[Conv2D(2, 1, 3)]
[SoftmaxCrossEntropy]
public partial class Conv2DDirectSixty : ITestNetwork;

[Network(1, 3, 64)]
[Conv2D(2, 3, Padding = Padding.Same)]
[SoftmaxCrossEntropy]
public partial class Conv2DDirectSixtyFour : ITestNetwork;

[Network(2, 2, 70)]
[Conv2D(3, 1, 3, PaddingWidth = 1)]
[SoftmaxCrossEntropy]
public partial class Conv2DDirectSeventy : ITestNetwork;

[Network(3, 2, 9)]
[Conv2D(4, 1)]
[SoftmaxCrossEntropy]
public partial class Conv2DPointwiseWide : ITestNetwork;

[Network(2, 3, 15)]
[Conv2D(3, 2, 8)]
[SoftmaxCrossEntropy]
public partial class Conv2DKernelEightWide : ITestNetwork;

[Network(2, 7, 9)]
[Conv2D(3, 5, 1, PaddingHeight = 2)]
[SoftmaxCrossEntropy]
public partial class Conv2DTallKernel : ITestNetwork;

[Network(2, 3, 9)]
[Conv2D(3, 2, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class Conv2DEvenKernelPadded : ITestNetwork;

[Network(2, 3, 8)]
[Conv2D(3, 1, 2)]
[SoftmaxCrossEntropy]
public partial class Conv2DNarrowOutputDirectGradient : ITestNetwork;

[Network(1, 3, 11)]
[Conv2D(40, 3)]
[SoftmaxCrossEntropy]
public partial class Conv2DFortyChannelsInLanes : ITestNetwork;

[Network(3, 6, 6)]
[Conv2D(3, 3, Activation = Activation.Sigmoid)]
[SoftmaxCrossEntropy]
public partial class Conv2DSigmoid : ITestNetwork;

[Network(3, 6, 6)]
[Conv2D(3, 3, PaddingSize = 1, Activation = Activation.Tanh)]
[SoftmaxCrossEntropy]
public partial class Conv2DTanh : ITestNetwork;

[Network(2, 7, 7)]
[Conv2D(2, 2, Stride = 3, Padding = Padding.Same)] // stride beyond the kernel: padding 0+1
[SoftmaxCrossEntropy]
public partial class Conv2DSameStrideBeyondKernel : ITestNetwork;

[Network(2, 5, 5)]
[Conv2D(3, 1, Stride = 2)] // 1×1 kernel skipping every other row and column
[SoftmaxCrossEntropy]
public partial class Conv2DPointwiseStride2 : ITestNetwork;

[Network(2, 4, 4)]
[Conv2D(5, 4)] // the kernel covers the whole input: one output position
[SoftmaxCrossEntropy]
public partial class Conv2DWholeInput : ITestNetwork;

// ---- Conv1D ----

[Network(3, 10)]
[Conv1D(4, 3)]
[SoftmaxCrossEntropy]
public partial class Conv1DValid : ITestNetwork;

[Network(2, 12)]
[Conv1D(3, 4, Stride = 2, PaddingSize = 2)]
[SoftmaxCrossEntropy]
public partial class Conv1DStridePadded : ITestNetwork;

[Network(2, 9)]
[Conv1D(2, 4, Padding = Padding.Same, Activation = Activation.Tanh)]
[SoftmaxCrossEntropy]
public partial class Conv1DSameTanh : ITestNetwork;

// ---- Conv3D ----

[Network(2, 4, 5, 5)]
[Conv3D(3, 2, 3, 3)]
[SoftmaxCrossEntropy]
public partial class Conv3DValid : ITestNetwork;

[Network(2, 5, 5, 7)]
[Conv3D(2, 3, Stride = 2, PaddingSize = 1, Activation = Activation.Sigmoid)]
[SoftmaxCrossEntropy]
public partial class Conv3DStridePaddedSigmoid : ITestNetwork;

[Network(1, 3, 4, 4)]
[Conv3D(2, 2, Padding = Padding.Same)]
[SoftmaxCrossEntropy]
public partial class Conv3DSame : ITestNetwork;

[Network(2, 5, 4, 5)]
[Conv3D(2, 1, 2, 3, StrideDepth = 2, PaddingWidth = 1, UseBias = false)]
[SoftmaxCrossEntropy]
public partial class Conv3DPerAxis : ITestNetwork;

// ---- Max pooling ----

[Network(3, 6, 6)]
[MaxPool2D(2)]
[SoftmaxCrossEntropy]
public partial class MaxPool2DPlain : ITestNetwork;

[Network(2, 7, 7)]
[MaxPool2D(3, Stride = 2)]
[SoftmaxCrossEntropy]
public partial class MaxPool2DOverlapping : ITestNetwork;

[Network(2, 7, 7)]
[MaxPool2D(3, Stride = 2, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class MaxPool2DPadded : ITestNetwork;

[Network(2, 5, 9)]
[MaxPool2D(2, 3, StrideHeight = 1)]
[SoftmaxCrossEntropy]
public partial class MaxPool2DRectangular : ITestNetwork;

[Network(1, 8, 8)]
[MaxPool2D(2, Stride = 3)] // stride beyond the window: some inputs are in no window
[SoftmaxCrossEntropy]
public partial class MaxPool2DStrideBeyondWindow : ITestNetwork;

[Network(2, 8)]
[MaxPool1D(2)]
[SoftmaxCrossEntropy]
public partial class MaxPool1DPlain : ITestNetwork;

[Network(3, 11)]
[MaxPool1D(3, Stride = 2, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class MaxPool1DPadded : ITestNetwork;

[Network(2, 4, 4, 4)]
[MaxPool3D(2)]
[SoftmaxCrossEntropy]
public partial class MaxPool3DPlain : ITestNetwork;

[Network(1, 5, 5, 5)]
[MaxPool3D(3, Stride = 2, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class MaxPool3DPadded : ITestNetwork;

// Rows of at least 8 outputs run 8 windows per vector, the last vector overlapping the one before it when the width
// is not a multiple of 8; rows of 4 to 7 outputs whose input rows hold a vector run one vector per row.

[Network(3, 6, 26)]
[MaxPool2D(2)] // 13 outputs a row: vectors at 0 and 5
[SoftmaxCrossEntropy]
public partial class MaxPool2DWideOddWidth : ITestNetwork;

[Network(2, 7, 19)]
[MaxPool2D(3, Stride = 2)] // overlapping windows, 9 outputs a row
[SoftmaxCrossEntropy]
public partial class MaxPool2DWideOverlapping : ITestNetwork;

[Network(2, 6, 27)]
[MaxPool2D(3)] // stride 3: each window element gathered from 3 loads
[SoftmaxCrossEntropy]
public partial class MaxPool2DWideStride3 : ITestNetwork;

[Network(2, 5, 12)]
[MaxPool2D(2, Stride = 1)] // stride 1: plain loads, 11 outputs a row
[SoftmaxCrossEntropy]
public partial class MaxPool2DWideStride1 : ITestNetwork;

[Network(2, 5, 27)]
[MaxPool2D(2, 3, StrideHeight = 1)]
[SoftmaxCrossEntropy]
public partial class MaxPool2DWideRectangular : ITestNetwork;

[Network(2, 38)]
[MaxPool1D(2)] // 19 outputs a row
[SoftmaxCrossEntropy]
public partial class MaxPool1DWide : ITestNetwork;

[Network(2, 4, 4, 18)]
[MaxPool3D(2)] // 9 outputs a row, 8 window elements over 2 planes
[SoftmaxCrossEntropy]
public partial class MaxPool3DWide : ITestNetwork;

[Network(4, 10, 10)]
[MaxPool2D(2)] // 5 outputs a row (LeNet's pool2 shape)
[SoftmaxCrossEntropy]
public partial class MaxPool2DShortRows : ITestNetwork;

[Network(3, 11, 13)]
[MaxPool2D(3, Stride = 2)] // 6 outputs a row, overlapping windows
[SoftmaxCrossEntropy]
public partial class MaxPool2DShortOverlapping : ITestNetwork;

[Network(1, 8, 24)]
[MaxPool2D(4)] // 6 outputs a row, stride 4
[SoftmaxCrossEntropy]
public partial class MaxPool2DShortStride4 : ITestNetwork;

// ---- Average pooling ----

[Network(3, 6, 6)]
[AvgPool2D(2)]
[SoftmaxCrossEntropy]
public partial class AvgPool2DPlain : ITestNetwork;

[Network(2, 7, 7)]
[AvgPool2D(3, Stride = 2, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class AvgPool2DPadded : ITestNetwork;

[Network(2, 6, 7)]
[AvgPool2D(3, 2, Stride = 1)]
[SoftmaxCrossEntropy]
public partial class AvgPool2DOverlapping : ITestNetwork;

[Network(2, 8)]
[AvgPool1D(2)]
[SoftmaxCrossEntropy]
public partial class AvgPool1DPlain : ITestNetwork;

[Network(2, 9)]
[AvgPool1D(3, Stride = 2, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class AvgPool1DPadded : ITestNetwork;

[Network(2, 4, 4, 4)]
[AvgPool3D(2)]
[SoftmaxCrossEntropy]
public partial class AvgPool3DPlain : ITestNetwork;

[Network(2, 5, 5, 5)]
[AvgPool3D(3, Stride = 2, PaddingSize = 1)]
[SoftmaxCrossEntropy]
public partial class AvgPool3DPadded : ITestNetwork;

// Padding not counted in the divisor (CountIncludePad = false): windows over the border divide by fewer inputs.
[Network(2, 9)]
[AvgPool1D(3, Stride = 2, PaddingSize = 1, CountIncludePad = false)]
[SoftmaxCrossEntropy]
public partial class AvgPool1DPaddedExcluded : ITestNetwork;

[Network(2, 7, 6)]
[AvgPool2D(3, 2, StrideHeight = 2, StrideWidth = 1, PaddingSize = 1, CountIncludePad = false)]
[SoftmaxCrossEntropy]
public partial class AvgPool2DPaddedExcluded : ITestNetwork;

[Network(2, 5, 5, 5)]
[AvgPool3D(3, Stride = 2, PaddingSize = 1, CountIncludePad = false)]
[SoftmaxCrossEntropy]
public partial class AvgPool3DPaddedExcluded : ITestNetwork;

// A convolution after the pool, so that its weights' gradients pass through the uneven divisors too.
[Network(2, 6, 6)]
[AvgPool2D(3, Stride = 1, PaddingSize = 1, CountIncludePad = false)]
[Conv2D(3, 2)]
[SoftmaxCrossEntropy]
public partial class AvgPoolExcludedThenConv : ITestNetwork;

// ---- Dense ----

[Network(3, 4, 5)]
[Dense(6)] // on a spatial input: flattened channel-major
[SoftmaxCrossEntropy]
public partial class DenseOnSpatialInput : ITestNetwork;

[Network(1, 12)]
[Dense(5, UseBias = false)]
[SoftmaxCrossEntropy]
public partial class DenseNoBias : ITestNetwork;

[Network(1, 12)]
[Dense(6, Activation = Activation.ReLU)]
[SoftmaxCrossEntropy]
public partial class DenseReLU : ITestNetwork;

[Network(2, 6)]
[Dense(5, Activation = Activation.Sigmoid)]
[SoftmaxCrossEntropy]
public partial class DenseSigmoid : ITestNetwork;

[Network(1, 12)]
[Dense(8, Activation = Activation.Tanh)]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class DenseTanhThenDense : ITestNetwork;

[Network(1, 8)]
[Dense(5)]
[SoftmaxCrossEntropy]
public partial class DenseLogits : ITestNetwork;

[Network(1, 67)]
[Dense(13)] // neither size a multiple of the GEMM's vector width or block
[SoftmaxCrossEntropy]
public partial class DenseOddSizes : ITestNetwork;

// ---- Flatten ----

[Network(2, 3, 4)]
[Flatten]
[Dense(5)]
[SoftmaxCrossEntropy]
public partial class FlattenThenDense : ITestNetwork;

[Network(2, 5, 5)]
[Conv2D(3, 2)]
[Flatten]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class ConvFlattenDense : ITestNetwork;

// A flatten that ends the network: the loss reads its (copied) output.
[Network(2, 3, 3)]
[Conv2D(2, 2)]
[Flatten]
[SoftmaxCrossEntropy]
public partial class ConvFlattenLast : ITestNetwork;

[Network(1, 10)]
[Flatten]
[SoftmaxCrossEntropy]
public partial class FlattenOnly : ITestNetwork;

// ---- Stand-alone activations ----

[Network(2, 3, 4)]
[ReLU]
[SoftmaxCrossEntropy]
public partial class ReLUOnly : ITestNetwork;

[Network(2, 3, 4)]
[Sigmoid]
[SoftmaxCrossEntropy]
public partial class SigmoidOnly : ITestNetwork;

[Network(1, 10)]
[Tanh]
[SoftmaxCrossEntropy]
public partial class TanhOnly : ITestNetwork;

[Network(3, 6, 6)]
[Conv2D(3, 3)]
[ReLU]
[SoftmaxCrossEntropy]
public partial class ConvThenReLU : ITestNetwork;

// ---- ReLU6, Hardswish, Hardsigmoid, SiLU ----
// Stand-alone on the input (WideMargin data: every region, the input gradient under test), fused into and after
// convolutions and dense layers with many inputs (ReLUMargin data: pre-activations spread past ±3 and 6, each 1/16 or
// more from a kink). Fused ReLU6 runs in the layer's epilogue; the others become layers of their own after it.

[Network(2, 3, 5)]
[ReLU6]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class ReLU6First : ITestNetwork;

[Network(2, 3, 5)]
[Hardswish]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class HardswishFirst : ITestNetwork;

[Network(1, 30)]
[Hardsigmoid]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class HardsigmoidFirst : ITestNetwork;

[Network(2, 3, 5)]
[SiLU]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class SiLUFirst : ITestNetwork;

[Network(8, 6, 6)]
[Conv2D(3, 3, Activation = Activation.ReLU6)]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class Conv2DReLU6 : ITestNetwork;

[Network(8, 6, 6)]
[Conv2D(3, 3, Activation = Activation.Hardswish)]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class Conv2DHardswish : ITestNetwork;

[Network(8, 6, 6)]
[Conv2D(3, 3)]
[ReLU6]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class ConvThenReLU6 : ITestNetwork;

[Network(1, 48)]
[Dense(8, Activation = Activation.ReLU6)]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class DenseReLU6 : ITestNetwork;

[Network(1, 48)]
[Dense(8, Activation = Activation.Hardsigmoid)]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class DenseHardsigmoid : ITestNetwork;

[Network(1, 48)]
[Dense(8)]
[Hardswish]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class DenseThenHardswish : ITestNetwork;

[Network(1, 12)]
[Dense(6, Activation = Activation.SiLU)]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class DenseSiLU : ITestNetwork;

[Network(2, 9)]
[Conv1D(3, 3, Activation = Activation.SiLU)]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class Conv1DSiLU : ITestNetwork;

[Network(1, 12)]
[Dense(6)]
[Sigmoid]
[Dense(4)]
[Tanh]
[SoftmaxCrossEntropy]
public partial class DenseSigmoidDenseTanh : ITestNetwork;

// ---- Layers without parameters before the first layer with them (input gradients are optional there) ----

[Network(1, 12)]
[Tanh]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class TanhThenDense : ITestNetwork;

[Network(2, 6, 6)]
[AvgPool2D(2)]
[Conv2D(3, 2)]
[SoftmaxCrossEntropy]
public partial class AvgPoolThenConv : ITestNetwork;

[Network(2, 4, 4)]
[MaxPool2D(2)]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class MaxPoolThenDense : ITestNetwork;

// ---- Several layers, all smooth ----

[Network(2, 8, 8)]
[Conv2D(3, 3, Padding = Padding.Same, Activation = Activation.Tanh)]
[AvgPool2D(2)]
[Conv2D(4, 3, Activation = Activation.Sigmoid)]
[Flatten]
[Dense(6, Activation = Activation.Tanh)]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class SmoothStack : ITestNetwork;

// Winograd F(2×2, 3×3) (WinogradEmitter): stride-1 3×3 layers with an even output height, a width that is a multiple
// of 8 and at least 32 channels each side. 8 columns (4 tiles per row: 128-bit transforms) with the input gradient the
// same way; 16 columns (256-bit) with 36 filters (GEMM tiles that do not divide the filters) and a fused ReLU; 3 rows
// of 4 tiles (12 per sample: the GEMM's overlapping last vector) with valid padding (input gradient through col2im);
// padding 2 (the source placed at row and column 2; a direct input gradient); a 32×64 plane that splits into blocks of
// tile rows.
[Network(32, 4, 8)]
[Conv2D(32, 3, Padding = Padding.Same)]
[SoftmaxCrossEntropy]
public partial class Conv2DWinogradSame : ITestNetwork;

[Network(33, 6, 16)]
[Conv2D(36, 3, PaddingSize = 1, Activation = Activation.ReLU)]
[SoftmaxCrossEntropy]
public partial class Conv2DWinogradReLU : ITestNetwork;

[Network(32, 8, 10)]
[Conv2D(32, 3)]
[SoftmaxCrossEntropy]
public partial class Conv2DWinogradValid : ITestNetwork;

[Network(32, 6, 14)]
[Conv2D(33, 3, PaddingSize = 2, Activation = Activation.Tanh)]
[SoftmaxCrossEntropy]
public partial class Conv2DWinogradPaddedTwo : ITestNetwork;

[Network(32, 32, 64)]
[Conv2D(32, 3, Padding = Padding.Same, UseBias = false)]
[SoftmaxCrossEntropy]
public partial class Conv2DWinogradRowBlocks : ITestNetwork;

// 48 tiles per sample against a block budget of 96: blocks of 2 samples, so a batch of 3 runs a full block and a
// partial one.
[Network(32, 12, 16)]
[Conv2D(32, 3, Padding = Padding.Same)]
[SoftmaxCrossEntropy]
public partial class Conv2DWinogradSampleBlocks : ITestNetwork;

// 12 tiles per row (24 columns): transforms of 4 tiles per vector, which may take two tile rows per vector only when a
// row has exactly 4 tiles (their V columns are adjacent then, not here). Blocks of 2 samples × 4 tile rows.
[Network(32, 8, 24)]
[Conv2D(32, 3, Padding = Padding.Same)]
[SoftmaxCrossEntropy]
public partial class Conv2DWinogradTwelveTileRows : ITestNetwork;

// 512-bit twins (GemmEmitter, DirectConvEmitter) where Vector512 is accelerated: a stride-2 layer with 16×16 = 256
// output positions (im2col; its weight gradient's dot products run over K = 256, long enough for the wide twin), then
// a stride-1 3×5 layer 20 columns wide (a 16-column vector and one overlapping it at column 4, the weight gradient's
// masked) with 12 channels, then a dense layer on 12·16·20 inputs.
[Network(3, 32, 32)]
[Conv2D(12, 3, Stride = 2, Padding = Padding.Same, Activation = Activation.Tanh)]
[Conv2D(12, 3, 5, PaddingHeight = 1, PaddingWidth = 4, Activation = Activation.Tanh)]
[Dense(5)]
[SoftmaxCrossEntropy]
public partial class WideTwins : ITestNetwork;

// Channels in the lanes with 32 output channels (two 512-bit vectors where they are accelerated) on rows of 20
// columns: tiles of 7, 7 and 6 positions, bias and ReLU fused.
[Network(3, 6, 22)]
[Conv2D(32, 3, Activation = Activation.ReLU)]
[SoftmaxCrossEntropy]
public partial class Conv2DChannelForwardWide : ITestNetwork;

// ---- Upsample ----

[Network(2, 3, 4)]
[Conv2D(3, 3, Padding = Padding.Same, Activation = Activation.Tanh)]
[Upsample2D(2)]
[Conv2D(2, 3)]
[SoftmaxCrossEntropy]
public partial class Upsample2DNearestBetweenConvs : ITestNetwork;

[Network(2, 3, 4)]
[Conv2D(3, 3, Padding = Padding.Same, Activation = Activation.Tanh)]
[Upsample2D(2, Mode = UpsampleMode.Linear)]
[Conv2D(2, 3)]
[SoftmaxCrossEntropy]
public partial class Upsample2DBilinearBetweenConvs : ITestNetwork;

// 9 columns: two 4-wide vector steps of the scale-2 widening and one left over.
[Network(2, 2, 9)]
[Upsample2D(2)]
[Conv2D(2, 3)]
[SoftmaxCrossEntropy]
public partial class Upsample2DNearestWide : ITestNetwork;

[Network(2, 3, 3)]
[Upsample2D(2, 3)]
[Conv2D(2, 3)]
[SoftmaxCrossEntropy]
public partial class Upsample2DNearestPerAxis : ITestNetwork;

[Network(2, 3, 5)]
[Upsample2D(3, 2, Mode = UpsampleMode.Linear)]
[Conv2D(2, 2)]
[SoftmaxCrossEntropy]
public partial class Upsample2DBilinearPerAxis : ITestNetwork;

[Network(2, 6)]
[Conv1D(3, 3, Padding = Padding.Same, Activation = Activation.Tanh)]
[Upsample1D(2)]
[Conv1D(2, 2)]
[SoftmaxCrossEntropy]
public partial class Upsample1DNearest : ITestNetwork;

[Network(2, 5)]
[Upsample1D(3, Mode = UpsampleMode.Linear)]
[Conv1D(2, 3, Activation = Activation.Tanh)]
[SoftmaxCrossEntropy]
public partial class Upsample1DLinear : ITestNetwork;

[Network(2, 2, 2, 3)]
[Upsample3D(2)]
[Conv3D(2, 2)]
[SoftmaxCrossEntropy]
public partial class Upsample3DNearest : ITestNetwork;

[Network(1, 2, 3, 2)]
[Upsample3D(2, 1, 3, Mode = UpsampleMode.Linear)]
[Conv3D(2, 2)]
[SoftmaxCrossEntropy]
public partial class Upsample3DTrilinear : ITestNetwork;

// ---- Multiply (squeeze-and-excitation) ----

// The SE block after a convolution: global average pool, dense C → C/2, dense → C with a sigmoid, times the feature map
// saved before the pool (the gate is the current input, the feature map the named one).
[Network(2, 4, 5)]
[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Tanh, Name = "features")]
[GlobalAveragePool]
[Dense(2, Activation = Activation.Tanh)]
[Dense(4, Activation = Activation.Sigmoid)]
[Multiply("features")]
[Conv2D(2, 3)]
[SoftmaxCrossEntropy]
public partial class SqueezeExcite2D : ITestNetwork;

// Both orders in 1D: the gate times the named feature map, then a convolution's output times the named gate (so the
// gate and the feature map each have two readers whose gradients are summed).
[Network(2, 7)]
[Conv1D(3, 3, Padding = Padding.Same, Activation = Activation.Tanh, Name = "features")]
[GlobalAveragePool]
[Dense(3, Activation = Activation.Sigmoid, Name = "gate")]
[Multiply("features")]
[Conv1D(3, 3, Padding = Padding.Same, Activation = Activation.Tanh)]
[Multiply("gate")]
[Conv1D(2, 2)]
[SoftmaxCrossEntropy]
public partial class SqueezeExcite1DGateNamed : ITestNetwork;

// A gate of shape C×1×1 (an average pool over the whole map and a 1×1 convolution with a sigmoid).
[Network(2, 3, 4)]
[Conv2D(5, 3, Padding = Padding.Same, Activation = Activation.Tanh, Name = "features")]
[AvgPool2D(3, 4)]
[Conv2D(5, 1, Activation = Activation.Sigmoid)]
[Multiply("features")]
[Conv2D(2, 3)]
[SoftmaxCrossEntropy]
public partial class SqueezeExciteConvGate : ITestNetwork;

// The gate named as the layer right before it: the pooled vector times itself (both factors one buffer, whose
// gradient is the sum of both slots').
[Network(2, 3, 4)]
[Conv2D(3, 3, Padding = Padding.Same, Activation = Activation.Tanh)]
[GlobalAveragePool(Name = "pooled")]
[Multiply("pooled")]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class SqueezeExciteSquare : ITestNetwork;
