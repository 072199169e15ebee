using CnnCompiler.Numerics.Tests.Reference;
using CnnCompiler.Numerics.Tests.Support;
using static CnnCompiler.Numerics.Tests.Reference.RefActivation;

namespace CnnCompiler.Numerics.Tests.Networks;

/// <summary>A generated test network, its hand-written reference twin, and the kind of data it is checked with.</summary>
public sealed record NetworkCase(string Name, Func<int, ITestNetwork> Create, RefNetwork Reference, DataStyle Style)
{
    public override string ToString() => Name;
}

/// <summary>Every test network with its reference, by name (the names are xUnit theory data).</summary>
public static class NetworkCases
{
    private static readonly NetworkCase[] s_all =
    [
        // Conv2D
        Case("Conv2DValid", s => new Conv2DValid(s), DataStyle.Smooth, [3, 6, 5], new RefConv(4, [3, 3])),
        Case("Conv2DSameEvenKernel", s => new Conv2DSameEvenKernel(s), DataStyle.Smooth, [2, 5, 6], new RefConv(3, [4, 4], padding: RefPadding.Same)),
        Case("Conv2DSameStride2", s => new Conv2DSameStride2(s), DataStyle.Smooth, [2, 7, 8], new RefConv(3, [3, 3], stride: [2, 2], padding: RefPadding.Same)),
        Case("Conv2DExplicitPadding", s => new Conv2DExplicitPadding(s), DataStyle.Smooth, [3, 5, 5], new RefConv(2, [3, 3], padding: RefPadding.Explicit, pad: [1, 1])),
        Case("Conv2DRectangularSevenChannels", s => new Conv2DRectangularSevenChannels(s), DataStyle.Smooth, [7, 7, 9], new RefConv(3, [3, 2], stride: [2, 1], padding: RefPadding.Explicit, pad: [1, 0])),
        Case("Conv2DStride2", s => new Conv2DStride2(s), DataStyle.Smooth, [3, 9, 9], new RefConv(2, [3, 3], stride: [2, 2])),
        Case("Conv2DWidthStridePadded", s => new Conv2DWidthStridePadded(s), DataStyle.Smooth, [2, 6, 7], new RefConv(2, [2, 3], stride: [1, 2], padding: RefPadding.Explicit, pad: [1, 1])),
        Case("Conv2DNoBias", s => new Conv2DNoBias(s), DataStyle.Smooth, [3, 5, 5], new RefConv(3, [3, 3], bias: false)),
        Case("Conv2DReLU", s => new Conv2DReLU(s), DataStyle.ReLUMargin, [3, 6, 6], new RefConv(3, [3, 3], activation: ReLU)),
        Case("Conv2DDirectSameEven", s => new Conv2DDirectSameEven(s), DataStyle.Smooth, [2, 9, 12], new RefConv(3, [4, 4], padding: RefPadding.Same)),
        Case("Conv2DDirectExactEightTanh", s => new Conv2DDirectExactEightTanh(s), DataStyle.Smooth, [3, 4, 10], new RefConv(2, [3, 3], activation: Tanh)),
        Case("Conv2DDirectNoBiasPadded", s => new Conv2DDirectNoBiasPadded(s), DataStyle.Smooth, [1, 5, 16], new RefConv(2, [3, 3], padding: RefPadding.Explicit, pad: [1, 1], bias: false)),
        Case("Conv2DDirectWideReLU", s => new Conv2DDirectWideReLU(s), DataStyle.ReLUMargin, [2, 5, 45], new RefConv(6, [3, 3], padding: RefPadding.Same, activation: ReLU)),
        Case("Conv2DDirectFiveByFive", s => new Conv2DDirectFiveByFive(s), DataStyle.Smooth, [3, 7, 14], new RefConv(7, [5, 5], padding: RefPadding.Explicit, pad: [1, 1])),
        Case("Conv2DDirectWideKernel", s => new Conv2DDirectWideKernel(s), DataStyle.Smooth, [2, 4, 20], new RefConv(3, [3, 9])),
        Case("Conv2DChannelGradientLeftover", s => new Conv2DChannelGradientLeftover(s), DataStyle.Smooth, [2, 6, 9], new RefConv(48, [3, 3], padding: RefPadding.Explicit, pad: [1, 1])),
        Case("Conv2DChannelGradientFiveWide", s => new Conv2DChannelGradientFiveWide(s), DataStyle.ReLUMargin, [3, 8, 12], new RefConv(16, [5, 5], padding: RefPadding.Same, activation: ReLU)),
        Case("Conv2DChannelForwardNoBias", s => new Conv2DChannelForwardNoBias(s), DataStyle.Smooth, [2, 5, 11], new RefConv(24, [3, 3], bias: false, activation: Tanh)),
        Case("Conv2DDirectSixty", s => new Conv2DDirectSixty(s), DataStyle.Smooth, [1, 2, 62], new RefConv(2, [1, 3])),
        Case("Conv2DDirectSixtyFour", s => new Conv2DDirectSixtyFour(s), DataStyle.Smooth, [1, 3, 64], new RefConv(2, [3, 3], padding: RefPadding.Same)),
        Case("Conv2DDirectSeventy", s => new Conv2DDirectSeventy(s), DataStyle.Smooth, [2, 2, 70], new RefConv(3, [1, 3], padding: RefPadding.Explicit, pad: [0, 1])),
        Case("Conv2DPointwiseWide", s => new Conv2DPointwiseWide(s), DataStyle.Smooth, [3, 2, 9], new RefConv(4, [1, 1])),
        Case("Conv2DKernelEightWide", s => new Conv2DKernelEightWide(s), DataStyle.Smooth, [2, 3, 15], new RefConv(3, [2, 8])),
        Case("Conv2DTallKernel", s => new Conv2DTallKernel(s), DataStyle.Smooth, [2, 7, 9], new RefConv(3, [5, 1], padding: RefPadding.Explicit, pad: [2, 0])),
        Case("Conv2DEvenKernelPadded", s => new Conv2DEvenKernelPadded(s), DataStyle.Smooth, [2, 3, 9], new RefConv(3, [2, 2], padding: RefPadding.Explicit, pad: [1, 1])),
        Case("Conv2DNarrowOutputDirectGradient", s => new Conv2DNarrowOutputDirectGradient(s), DataStyle.Smooth, [2, 3, 8], new RefConv(3, [1, 2])),
        Case("Conv2DFortyChannelsInLanes", s => new Conv2DFortyChannelsInLanes(s), DataStyle.Smooth, [1, 3, 11], new RefConv(40, [3, 3])),
        Case("Conv2DWinogradSame", s => new Conv2DWinogradSame(s), DataStyle.Smooth, [32, 4, 8], new RefConv(32, [3, 3], padding: RefPadding.Same)),
        Case("Conv2DWinogradReLU", s => new Conv2DWinogradReLU(s), DataStyle.ReLUMargin, [33, 6, 16], new RefConv(36, [3, 3], padding: RefPadding.Explicit, pad: [1, 1], activation: ReLU)),
        Case("Conv2DWinogradValid", s => new Conv2DWinogradValid(s), DataStyle.Smooth, [32, 8, 10], new RefConv(32, [3, 3])),
        Case("Conv2DWinogradPaddedTwo", s => new Conv2DWinogradPaddedTwo(s), DataStyle.Smooth, [32, 6, 14], new RefConv(33, [3, 3], padding: RefPadding.Explicit, pad: [2, 2], activation: Tanh)),
        Case("Conv2DWinogradRowBlocks", s => new Conv2DWinogradRowBlocks(s), DataStyle.Smooth, [32, 32, 64], new RefConv(32, [3, 3], padding: RefPadding.Same, bias: false)),
        Case("Conv2DWinogradSampleBlocks", s => new Conv2DWinogradSampleBlocks(s), DataStyle.Smooth, [32, 12, 16], new RefConv(32, [3, 3], padding: RefPadding.Same)),
        Case("Conv2DWinogradTwelveTileRows", s => new Conv2DWinogradTwelveTileRows(s), DataStyle.Smooth, [32, 8, 24], new RefConv(32, [3, 3], padding: RefPadding.Same)),
        Case("WideTwins", s => new WideTwins(s), DataStyle.Smooth, [3, 32, 32], new RefConv(12, [3, 3], stride: [2, 2], padding: RefPadding.Same, activation: Tanh), new RefConv(12, [3, 5], padding: RefPadding.Explicit, pad: [1, 4], activation: Tanh), new RefDense(5)),
        Case("Conv2DChannelForwardWide", s => new Conv2DChannelForwardWide(s), DataStyle.ReLUMargin, [3, 6, 22], new RefConv(32, [3, 3], activation: ReLU)),
        Case("Conv2DSigmoid", s => new Conv2DSigmoid(s), DataStyle.Smooth, [3, 6, 6], new RefConv(3, [3, 3], activation: Sigmoid)),
        Case("Conv2DTanh", s => new Conv2DTanh(s), DataStyle.Smooth, [3, 6, 6], new RefConv(3, [3, 3], padding: RefPadding.Explicit, pad: [1, 1], activation: Tanh)),
        Case("Conv2DSameStrideBeyondKernel", s => new Conv2DSameStrideBeyondKernel(s), DataStyle.Smooth, [2, 7, 7], new RefConv(2, [2, 2], stride: [3, 3], padding: RefPadding.Same)),
        Case("Conv2DPointwiseStride2", s => new Conv2DPointwiseStride2(s), DataStyle.Smooth, [2, 5, 5], new RefConv(3, [1, 1], stride: [2, 2])),
        Case("Conv2DWholeInput", s => new Conv2DWholeInput(s), DataStyle.Smooth, [2, 4, 4], new RefConv(5, [4, 4])),
        // Conv1D
        Case("Conv1DValid", s => new Conv1DValid(s), DataStyle.Smooth, [3, 10], new RefConv(4, [3])),
        Case("Conv1DStridePadded", s => new Conv1DStridePadded(s), DataStyle.Smooth, [2, 12], new RefConv(3, [4], stride: [2], padding: RefPadding.Explicit, pad: [2])),
        Case("Conv1DSameTanh", s => new Conv1DSameTanh(s), DataStyle.Smooth, [2, 9], new RefConv(2, [4], padding: RefPadding.Same, activation: Tanh)),
        // Conv3D
        Case("Conv3DValid", s => new Conv3DValid(s), DataStyle.Smooth, [2, 4, 5, 5], new RefConv(3, [2, 3, 3])),
        Case("Conv3DStridePaddedSigmoid", s => new Conv3DStridePaddedSigmoid(s), DataStyle.Smooth, [2, 5, 5, 7], new RefConv(2, [3, 3, 3], stride: [2, 2, 2], padding: RefPadding.Explicit, pad: [1, 1, 1], activation: Sigmoid)),
        Case("Conv3DSame", s => new Conv3DSame(s), DataStyle.Smooth, [1, 3, 4, 4], new RefConv(2, [2, 2, 2], padding: RefPadding.Same)),
        Case("Conv3DPerAxis", s => new Conv3DPerAxis(s), DataStyle.Smooth, [2, 5, 4, 5], new RefConv(2, [1, 2, 3], stride: [2, 1, 1], padding: RefPadding.Explicit, pad: [0, 0, 1], bias: false)),
        // Max pooling
        Case("MaxPool2DPlain", s => new MaxPool2DPlain(s), DataStyle.DistinctNegative, [3, 6, 6], new RefPool(true, [2, 2])),
        Case("MaxPool2DOverlapping", s => new MaxPool2DOverlapping(s), DataStyle.DistinctNegative, [2, 7, 7], new RefPool(true, [3, 3], [2, 2])),
        Case("MaxPool2DPadded", s => new MaxPool2DPadded(s), DataStyle.DistinctNegative, [2, 7, 7], new RefPool(true, [3, 3], [2, 2], padding: 1)),
        Case("MaxPool2DRectangular", s => new MaxPool2DRectangular(s), DataStyle.DistinctNegative, [2, 5, 9], new RefPool(true, [2, 3], [1, 3])),
        Case("MaxPool2DStrideBeyondWindow", s => new MaxPool2DStrideBeyondWindow(s), DataStyle.DistinctNegative, [1, 8, 8], new RefPool(true, [2, 2], [3, 3])),
        Case("MaxPool1DPlain", s => new MaxPool1DPlain(s), DataStyle.DistinctNegative, [2, 8], new RefPool(true, [2])),
        Case("MaxPool1DPadded", s => new MaxPool1DPadded(s), DataStyle.DistinctNegative, [3, 11], new RefPool(true, [3], [2], padding: 1)),
        Case("MaxPool3DPlain", s => new MaxPool3DPlain(s), DataStyle.DistinctNegative, [2, 4, 4, 4], new RefPool(true, [2, 2, 2])),
        Case("MaxPool3DPadded", s => new MaxPool3DPadded(s), DataStyle.DistinctNegative, [1, 5, 5, 5], new RefPool(true, [3, 3, 3], [2, 2, 2], padding: 1)),
        Case("MaxPool2DWideOddWidth", s => new MaxPool2DWideOddWidth(s), DataStyle.DistinctNegative, [3, 6, 26], new RefPool(true, [2, 2])),
        Case("MaxPool2DWideOverlapping", s => new MaxPool2DWideOverlapping(s), DataStyle.DistinctNegative, [2, 7, 19], new RefPool(true, [3, 3], [2, 2])),
        Case("MaxPool2DWideStride3", s => new MaxPool2DWideStride3(s), DataStyle.DistinctNegative, [2, 6, 27], new RefPool(true, [3, 3])),
        Case("MaxPool2DWideStride1", s => new MaxPool2DWideStride1(s), DataStyle.DistinctNegative, [2, 5, 12], new RefPool(true, [2, 2], [1, 1])),
        Case("MaxPool2DWideRectangular", s => new MaxPool2DWideRectangular(s), DataStyle.DistinctNegative, [2, 5, 27], new RefPool(true, [2, 3], [1, 3])),
        Case("MaxPool1DWide", s => new MaxPool1DWide(s), DataStyle.DistinctNegative, [2, 38], new RefPool(true, [2])),
        Case("MaxPool3DWide", s => new MaxPool3DWide(s), DataStyle.DistinctNegative, [2, 4, 4, 18], new RefPool(true, [2, 2, 2])),
        Case("MaxPool2DShortRows", s => new MaxPool2DShortRows(s), DataStyle.DistinctNegative, [4, 10, 10], new RefPool(true, [2, 2])),
        Case("MaxPool2DShortOverlapping", s => new MaxPool2DShortOverlapping(s), DataStyle.DistinctNegative, [3, 11, 13], new RefPool(true, [3, 3], [2, 2])),
        Case("MaxPool2DShortStride4", s => new MaxPool2DShortStride4(s), DataStyle.DistinctNegative, [1, 8, 24], new RefPool(true, [4, 4])),
        // Average pooling
        Case("AvgPool2DPlain", s => new AvgPool2DPlain(s), DataStyle.Smooth, [3, 6, 6], new RefPool(false, [2, 2])),
        Case("AvgPool2DPadded", s => new AvgPool2DPadded(s), DataStyle.Smooth, [2, 7, 7], new RefPool(false, [3, 3], [2, 2], padding: 1)),
        Case("AvgPool2DOverlapping", s => new AvgPool2DOverlapping(s), DataStyle.Smooth, [2, 6, 7], new RefPool(false, [3, 2], [1, 1])),
        Case("AvgPool1DPlain", s => new AvgPool1DPlain(s), DataStyle.Smooth, [2, 8], new RefPool(false, [2])),
        Case("AvgPool1DPadded", s => new AvgPool1DPadded(s), DataStyle.Smooth, [2, 9], new RefPool(false, [3], [2], padding: 1)),
        Case("AvgPool3DPlain", s => new AvgPool3DPlain(s), DataStyle.Smooth, [2, 4, 4, 4], new RefPool(false, [2, 2, 2])),
        Case("AvgPool3DPadded", s => new AvgPool3DPadded(s), DataStyle.Smooth, [2, 5, 5, 5], new RefPool(false, [3, 3, 3], [2, 2, 2], padding: 1)),
        Case("AvgPool1DPaddedExcluded", s => new AvgPool1DPaddedExcluded(s), DataStyle.Smooth, [2, 9], new RefPool(false, [3], [2], padding: 1, countIncludePad: false)),
        Case("AvgPool2DPaddedExcluded", s => new AvgPool2DPaddedExcluded(s), DataStyle.Smooth, [2, 7, 6], new RefPool(false, [3, 2], [2, 1], padding: 1, countIncludePad: false)),
        Case("AvgPool3DPaddedExcluded", s => new AvgPool3DPaddedExcluded(s), DataStyle.Smooth, [2, 5, 5, 5], new RefPool(false, [3, 3, 3], [2, 2, 2], padding: 1, countIncludePad: false)),
        Case("AvgPoolExcludedThenConv", s => new AvgPoolExcludedThenConv(s), DataStyle.Smooth, [2, 6, 6], new RefPool(false, [3, 3], [1, 1], padding: 1, countIncludePad: false), new RefConv(3, [2, 2])),
        // Dense
        Case("DenseOnSpatialInput", s => new DenseOnSpatialInput(s), DataStyle.Smooth, [3, 4, 5], new RefDense(6)),
        Case("DenseNoBias", s => new DenseNoBias(s), DataStyle.Smooth, [1, 12], new RefDense(5, bias: false)),
        Case("DenseReLU", s => new DenseReLU(s), DataStyle.ReLUMargin, [1, 12], new RefDense(6, activation: ReLU)),
        Case("DenseSigmoid", s => new DenseSigmoid(s), DataStyle.Smooth, [2, 6], new RefDense(5, activation: Sigmoid)),
        Case("DenseTanhThenDense", s => new DenseTanhThenDense(s), DataStyle.Smooth, [1, 12], new RefDense(8, activation: Tanh), new RefDense(4)),
        Case("DenseLogits", s => new DenseLogits(s), DataStyle.Smooth, [1, 8], new RefDense(5)),
        Case("DenseOddSizes", s => new DenseOddSizes(s), DataStyle.Smooth, [1, 67], new RefDense(13)),
        // Flatten
        Case("FlattenThenDense", s => new FlattenThenDense(s), DataStyle.Smooth, [2, 3, 4], new RefFlatten(), new RefDense(5)),
        Case("ConvFlattenDense", s => new ConvFlattenDense(s), DataStyle.Smooth, [2, 5, 5], new RefConv(3, [2, 2]), new RefFlatten(), new RefDense(4)),
        Case("ConvFlattenLast", s => new ConvFlattenLast(s), DataStyle.Smooth, [2, 3, 3], new RefConv(2, [2, 2]), new RefFlatten()),
        Case("FlattenOnly", s => new FlattenOnly(s), DataStyle.Smooth, [1, 10], new RefFlatten()),
        // Stand-alone activations
        Case("ReLUOnly", s => new ReLUOnly(s), DataStyle.ReLUMargin, [2, 3, 4], new RefActivationLayer(ReLU)),
        Case("SigmoidOnly", s => new SigmoidOnly(s), DataStyle.Smooth, [2, 3, 4], new RefActivationLayer(Sigmoid)),
        Case("TanhOnly", s => new TanhOnly(s), DataStyle.Smooth, [1, 10], new RefActivationLayer(Tanh)),
        Case("ConvThenReLU", s => new ConvThenReLU(s), DataStyle.ReLUMargin, [3, 6, 6], new RefConv(3, [3, 3]), new RefActivationLayer(ReLU)),
        Case("ReLU6First", s => new ReLU6First(s), DataStyle.WideMargin, [2, 3, 5], new RefActivationLayer(ReLU6), new RefDense(4)),
        Case("HardswishFirst", s => new HardswishFirst(s), DataStyle.WideMargin, [2, 3, 5], new RefActivationLayer(Hardswish), new RefDense(4)),
        Case("HardsigmoidFirst", s => new HardsigmoidFirst(s), DataStyle.WideMargin, [1, 30], new RefActivationLayer(Hardsigmoid), new RefDense(4)),
        Case("SiLUFirst", s => new SiLUFirst(s), DataStyle.WideMargin, [2, 3, 5], new RefActivationLayer(SiLU), new RefDense(4)),
        Case("Conv2DReLU6", s => new Conv2DReLU6(s), DataStyle.ReLUMargin, [8, 6, 6], new RefConv(3, [3, 3], activation: ReLU6), new RefDense(4)),
        Case("Conv2DHardswish", s => new Conv2DHardswish(s), DataStyle.ReLUMargin, [8, 6, 6], new RefConv(3, [3, 3], activation: Hardswish), new RefDense(4)),
        Case("ConvThenReLU6", s => new ConvThenReLU6(s), DataStyle.ReLUMargin, [8, 6, 6], new RefConv(3, [3, 3]), new RefActivationLayer(ReLU6), new RefDense(4)),
        Case("DenseReLU6", s => new DenseReLU6(s), DataStyle.ReLUMargin, [1, 48], new RefDense(8, activation: ReLU6), new RefDense(3)),
        Case("DenseHardsigmoid", s => new DenseHardsigmoid(s), DataStyle.ReLUMargin, [1, 48], new RefDense(8, activation: Hardsigmoid), new RefDense(3)),
        Case("DenseThenHardswish", s => new DenseThenHardswish(s), DataStyle.ReLUMargin, [1, 48], new RefDense(8), new RefActivationLayer(Hardswish), new RefDense(3)),
        Case("DenseSiLU", s => new DenseSiLU(s), DataStyle.Smooth, [1, 12], new RefDense(6, activation: SiLU), new RefDense(3)),
        Case("Conv1DSiLU", s => new Conv1DSiLU(s), DataStyle.Smooth, [2, 9], new RefConv(3, [3], activation: SiLU), new RefDense(3)),
        Case("DenseSigmoidDenseTanh", s => new DenseSigmoidDenseTanh(s), DataStyle.Smooth, [1, 12], new RefDense(6), new RefActivationLayer(Sigmoid), new RefDense(4), new RefActivationLayer(Tanh)),
        // Layers without parameters first
        Case("TanhThenDense", s => new TanhThenDense(s), DataStyle.Smooth, [1, 12], new RefActivationLayer(Tanh), new RefDense(4)),
        Case("AvgPoolThenConv", s => new AvgPoolThenConv(s), DataStyle.Smooth, [2, 6, 6], new RefPool(false, [2, 2]), new RefConv(3, [2, 2])),
        Case("MaxPoolThenDense", s => new MaxPoolThenDense(s), DataStyle.DistinctNegative, [2, 4, 4], new RefPool(true, [2, 2]), new RefDense(3)),
        // Upsampling: nearest (rows widened by vector shuffles at scale 2, per element otherwise) and linear, every rank,
        // first (input gradients through it) and between convolutions (its gradient into a convolution's weights)
        Case("Upsample2DNearestBetweenConvs", s => new Upsample2DNearestBetweenConvs(s), DataStyle.Smooth, [2, 3, 4],
            new RefConv(3, [3, 3], padding: RefPadding.Same, activation: Tanh), new RefUpsample([2, 2]), new RefConv(2, [3, 3])),
        Case("Upsample2DBilinearBetweenConvs", s => new Upsample2DBilinearBetweenConvs(s), DataStyle.Smooth, [2, 3, 4],
            new RefConv(3, [3, 3], padding: RefPadding.Same, activation: Tanh), new RefUpsample([2, 2], linear: true), new RefConv(2, [3, 3])),
        Case("Upsample2DNearestWide", s => new Upsample2DNearestWide(s), DataStyle.Smooth, [2, 2, 9], new RefUpsample([2, 2]), new RefConv(2, [3, 3])),
        Case("Upsample2DNearestPerAxis", s => new Upsample2DNearestPerAxis(s), DataStyle.Smooth, [2, 3, 3], new RefUpsample([2, 3]), new RefConv(2, [3, 3])),
        Case("Upsample2DBilinearPerAxis", s => new Upsample2DBilinearPerAxis(s), DataStyle.Smooth, [2, 3, 5], new RefUpsample([3, 2], linear: true), new RefConv(2, [2, 2])),
        Case("Upsample1DNearest", s => new Upsample1DNearest(s), DataStyle.Smooth, [2, 6],
            new RefConv(3, [3], padding: RefPadding.Same, activation: Tanh), new RefUpsample([2]), new RefConv(2, [2])),
        Case("Upsample1DLinear", s => new Upsample1DLinear(s), DataStyle.Smooth, [2, 5], new RefUpsample([3], linear: true), new RefConv(2, [3], activation: Tanh)),
        Case("Upsample3DNearest", s => new Upsample3DNearest(s), DataStyle.Smooth, [2, 2, 2, 3], new RefUpsample([2, 2, 2]), new RefConv(2, [2, 2, 2])),
        Case("Upsample3DTrilinear", s => new Upsample3DTrilinear(s), DataStyle.Smooth, [1, 2, 3, 2], new RefUpsample([2, 1, 3], linear: true), new RefConv(2, [2, 2, 2])),
        // Squeeze-and-excitation gates ([Multiply]): the gate as the current input and as the named one, a vector and C×1×1
        Case("SqueezeExcite2D", s => new SqueezeExcite2D(s), DataStyle.Smooth, [2, 4, 5],
            new RefConv(4, [3, 3], padding: RefPadding.Same, activation: Tanh),
            new RefSqueezeExcite([new RefPool(false, [4, 5]), new RefDense(2, activation: Tanh), new RefDense(4, activation: Sigmoid)]),
            new RefConv(2, [3, 3])),
        Case("SqueezeExcite1DGateNamed", s => new SqueezeExcite1DGateNamed(s), DataStyle.Smooth, [2, 7],
            new RefConv(3, [3], padding: RefPadding.Same, activation: Tanh),
            new RefSqueezeExcite([new RefPool(false, [7]), new RefDense(3, activation: Sigmoid)], after: [new RefConv(3, [3], padding: RefPadding.Same, activation: Tanh)]),
            new RefConv(2, [2])),
        Case("SqueezeExciteConvGate", s => new SqueezeExciteConvGate(s), DataStyle.Smooth, [2, 3, 4],
            new RefConv(5, [3, 3], padding: RefPadding.Same, activation: Tanh),
            new RefSqueezeExcite([new RefPool(false, [3, 4]), new RefConv(5, [1, 1], activation: Sigmoid)]),
            new RefConv(2, [3, 3])),
        Case("SqueezeExciteSquare", s => new SqueezeExciteSquare(s), DataStyle.Smooth, [2, 3, 4],
            new RefConv(3, [3, 3], padding: RefPadding.Same, activation: Tanh), new RefPool(false, [3, 4]), new RefSqueezeExcite([]), new RefDense(3)),
        // Several smooth layers
        Case("SmoothStack", s => new SmoothStack(s), DataStyle.Smooth, [2, 8, 8],
            new RefConv(3, [3, 3], padding: RefPadding.Same, activation: Tanh), new RefPool(false, [2, 2]), new RefConv(4, [3, 3], activation: Sigmoid),
            new RefFlatten(), new RefDense(6, activation: Tanh), new RefDense(3)),
    ];

    /// <summary>LeNet-5 as in the sample, with its reference (forward only: its ReLUs and max pools make finite differences kinky).</summary>
    public static NetworkCase LeNet { get; } = Case("LeNet5", s => new LeNet5(s), DataStyle.Smooth, [1, 28, 28],
        new RefConv(6, [5, 5], padding: RefPadding.Same, activation: ReLU), new RefPool(true, [2, 2]),
        new RefConv(16, [5, 5], activation: ReLU), new RefPool(true, [2, 2]),
        new RefDense(120, activation: ReLU), new RefDense(84, activation: ReLU), new RefDense(10));

    public static IEnumerable<NetworkCase> All => s_all;

    public static NetworkCase Get(string name) => name == LeNet.Name ? LeNet : s_all.Single(c => c.Name == name);

    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (NetworkCase c in s_all) data.Add(c.Name);
            return data;
        }
    }

    private static NetworkCase Case(string name, Func<int, ITestNetwork> create, DataStyle style, int[] inputShape, params RefLayer[] layers) =>
        new(name, create, new RefNetwork(inputShape, layers), style);
}
