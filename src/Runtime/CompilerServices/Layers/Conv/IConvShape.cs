using System.ComponentModel;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// A convolution's constants as the generator decided them: its geometry (three axes; a 2D layer has depth 1, a 1D layer
/// depth and height 1), its fused activation, the strategy of each pass and the register tiles of the kernels those
/// strategies run. <see cref="Conv{TShape}"/> only carries them out. Tiles of a strategy the layer does not use keep
/// their default of 0, so a kernel struct states only what its layer runs.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IConvShape
{
    static abstract int InChannels { get; }
    static abstract int OutChannels { get; }
    /// <summary>The sizes along depth, height and width; the axes a layer does not have are 1 (a 1D layer's length is its width).</summary>
    static virtual int InDepth => 1;
    static virtual int InHeight => 1;
    static abstract int InWidth { get; }
    static virtual int OutDepth => 1;
    static virtual int OutHeight => 1;
    static abstract int OutWidth { get; }
    static virtual int KernelDepth => 1;
    static virtual int KernelHeight => 1;
    static abstract int KernelWidth { get; }
    static virtual int StrideDepth => 1;
    static virtual int StrideHeight => 1;
    static virtual int StrideWidth => 1;

    /// <summary>Padding before each axis (front, top, left); the padding after follows from the sizes.</summary>
    static virtual int PadDepth => 0;
    static virtual int PadHeight => 0;
    static virtual int PadWidth => 0;

    static abstract Activation Activation { get; }

    static abstract ConvForward Forward { get; }
    static abstract ConvWeightGradient WeightGradient { get; }
    static abstract ConvInputGradient InputGradient { get; }

    /// <summary>Forward, <see cref="ConvForward.Direct"/> and <see cref="ConvForward.Winograd"/>: filters and vectors per register tile (plus rows for Direct), with 256-bit and 512-bit vectors, and whether the 512-bit kernel runs.</summary>
    static virtual int ForwardFilters => 0;
    static virtual int ForwardRows => 0;
    static virtual int ForwardVectors => 0;
    static virtual int ForwardWideFilters => 0;
    static virtual int ForwardWideRows => 0;
    static virtual int ForwardWideVectors => 0;
    static virtual bool ForwardWide => false;

    /// <summary>Forward, <see cref="ConvForward.ChannelLanes"/>: vectors of output channels × positions along a row per tile.</summary>
    static virtual int ForwardChannelVectors => 0;
    static virtual int ForwardPositions => 0;
    static virtual int ForwardWideChannelVectors => 0;
    static virtual int ForwardWidePositions => 0;

    /// <summary>Forward, <see cref="ConvForward.Winograd"/>: samples and rows of tiles per block, tiles per transform vector (8, or 4 for rows of 4 tiles), and whether a 4-tile transform takes two tile rows per vector.</summary>
    static virtual int ForwardBlockSamples => 0;
    static virtual int ForwardBlockRows => 0;
    static virtual int ForwardTransformLanes => 0;
    static virtual bool ForwardPairedRows => false;

    /// <summary>Forward, <see cref="ConvForward.Columns"/>: the broadcast GEMM's rows × vectors per tile (<see cref="IBroadcastGemm"/>).</summary>
    static virtual int ForwardRowTile => 0;
    static virtual int ForwardVectorTile => 0;
    static virtual int ForwardWideVectorTile => 0;

    /// <summary>Weight gradient, <see cref="ConvWeightGradient.Direct"/>: filters per tile (each with one accumulator per kernel column).</summary>
    static virtual int WeightGradientFilters => 0;

    /// <summary>Weight gradient, <see cref="ConvWeightGradient.ChannelLanes"/>: vectors of output channels per tile and output rows per block (the height: no blocks).</summary>
    static virtual int WeightGradientChannelVectors => 0;
    static virtual int WeightGradientBlockRows => 0;
    static virtual int WeightGradientWideChannelVectors => 0;
    static virtual int WeightGradientWideBlockRows => 0;

    /// <summary>Weight gradient, <see cref="ConvWeightGradient.Columns"/>: the dot-product GEMM's tile (<see cref="IDotGemm"/>).</summary>
    static virtual int WeightGradientRowTile => 0;
    static virtual int WeightGradientColumnTile => 0;

    /// <summary>Whether the weight gradient's 512-bit kernel runs where 512-bit vectors are accelerated.</summary>
    static virtual bool WeightGradientWide => false;

    /// <summary>Input gradient, <see cref="ConvInputGradient.Direct"/> and <see cref="ConvInputGradient.Winograd"/>: as the forward pass's.</summary>
    static virtual int InputGradientFilters => 0;
    static virtual int InputGradientRows => 0;
    static virtual int InputGradientVectors => 0;
    static virtual int InputGradientWideFilters => 0;
    static virtual int InputGradientWideRows => 0;
    static virtual int InputGradientWideVectors => 0;
    static virtual int InputGradientBlockSamples => 0;
    static virtual int InputGradientBlockRows => 0;
    static virtual int InputGradientTransformLanes => 0;
    static virtual bool InputGradientPairedRows => false;

    /// <summary>Input gradient, <see cref="ConvInputGradient.Columns"/>: the broadcast GEMM's tile.</summary>
    static virtual int InputGradientRowTile => 0;
    static virtual int InputGradientVectorTile => 0;
    static virtual int InputGradientWideVectorTile => 0;

    static virtual bool InputGradientWide => false;
}
