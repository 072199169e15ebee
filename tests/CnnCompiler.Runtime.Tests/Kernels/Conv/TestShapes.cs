using CnnCompiler.CompilerServices;

namespace CnnCompiler.Runtime.Tests.Kernels.Conv;

/// <summary>
/// A register tiling for the test shapes below (the same tile for 256- and 512-bit vectors unless a case says otherwise).
/// The members a case leaves at 0 are those its shape's strategies do not read.
/// </summary>
public interface ITestTiles
{
    static virtual int Filters => 0;
    static virtual int Rows => 0;
    static virtual int Vectors => 0;
    static virtual int ChannelVectors => 0;
    static virtual int Positions => 0;
    static virtual int BlockSamples => 0;
    static virtual int BlockRows => 0;
    static virtual int TransformLanes => 0;
    static virtual bool PairedRows => false;
    static virtual int GradientFilters => 0;
    static virtual int GradientVectors => 0;
    static virtual int GradientBlockRows => 0;

    /// <summary>Whether the 512-bit kernels run (where Vector512 is accelerated).</summary>
    static virtual bool Wide => false;
}

/// <summary>
/// 2 → 16 channels, 3×3 same on 3 × 20 (rows of 2 whole vectors of 8 and an overlapping one; 3 rows): direct forward,
/// direct weight gradient and direct input gradient, all with <typeparamref name="T"/>'s tiles, ReLU fused.
/// </summary>
public readonly struct DirectShape<T> : IConvShape where T : struct, ITestTiles
{
    public static int InChannels => 2;
    public static int OutChannels => 16;
    public static int InHeight => 3;
    public static int InWidth => 20;
    public static int OutHeight => 3;
    public static int OutWidth => 20;
    public static int KernelHeight => 3;
    public static int KernelWidth => 3;
    public static int PadHeight => 1;
    public static int PadWidth => 1;
    public static Activation Activation => Activation.ReLU;
    public static ConvForward Forward => ConvForward.Direct;
    public static int ForwardFilters => T.Filters;
    public static int ForwardRows => T.Rows;
    public static int ForwardVectors => T.Vectors;
    public static int ForwardWideFilters => T.Filters;
    public static int ForwardWideRows => T.Rows;
    public static int ForwardWideVectors => T.Vectors;
    public static bool ForwardWide => T.Wide;
    public static ConvWeightGradient WeightGradient => ConvWeightGradient.Direct;
    public static int WeightGradientFilters => T.GradientFilters;
    public static bool WeightGradientWide => T.Wide;
    public static ConvInputGradient InputGradient => ConvInputGradient.Direct;
    public static int InputGradientFilters => T.Filters;
    public static int InputGradientRows => T.Rows;
    public static int InputGradientVectors => T.Vectors;
    public static int InputGradientWideFilters => T.Filters;
    public static int InputGradientWideRows => T.Rows;
    public static int InputGradientWideVectors => T.Vectors;
    public static bool InputGradientWide => T.Wide;
}

/// <summary>3 → 16 channels, a 1×1 kernel on 2 × 12: the direct weight gradient's one-column tiles of up to 16 filters.</summary>
public readonly struct PointwiseShape<T> : IConvShape where T : struct, ITestTiles
{
    public static int InChannels => 3;
    public static int OutChannels => 16;
    public static int InHeight => 2;
    public static int InWidth => 12;
    public static int OutHeight => 2;
    public static int OutWidth => 12;
    public static int KernelWidth => 1;
    public static Activation Activation => Activation.None;
    public static ConvForward Forward => ConvForward.Direct;
    public static int ForwardFilters => T.Filters;
    public static int ForwardRows => T.Rows;
    public static int ForwardVectors => T.Vectors;
    public static int ForwardWideFilters => T.Filters;
    public static int ForwardWideRows => T.Rows;
    public static int ForwardWideVectors => T.Vectors;
    public static bool ForwardWide => T.Wide;
    public static ConvWeightGradient WeightGradient => ConvWeightGradient.Direct;
    public static int WeightGradientFilters => T.GradientFilters;
    public static bool WeightGradientWide => T.Wide;
    public static ConvInputGradient InputGradient => ConvInputGradient.Direct;
    public static int InputGradientFilters => T.Filters;
    public static int InputGradientRows => T.Rows;
    public static int InputGradientVectors => T.Vectors;
    public static int InputGradientWideFilters => T.Filters;
    public static int InputGradientWideRows => T.Rows;
    public static int InputGradientWideVectors => T.Vectors;
    public static bool InputGradientWide => T.Wide;
}

/// <summary>
/// 3 → 32 channels, a valid 3×3 on 6 × 12 (4 × 10 outputs): channels in lanes forward and for the weight gradient, with
/// <typeparamref name="T"/>'s tiles; the input gradient by col2im.
/// </summary>
public readonly struct ChannelLanesShape<T> : IConvShape where T : struct, ITestTiles
{
    public static int InChannels => 3;
    public static int OutChannels => 32;
    public static int InHeight => 6;
    public static int InWidth => 12;
    public static int OutHeight => 4;
    public static int OutWidth => 10;
    public static int KernelHeight => 3;
    public static int KernelWidth => 3;
    public static Activation Activation => Activation.ReLU;
    public static ConvForward Forward => ConvForward.ChannelLanes;
    public static int ForwardChannelVectors => T.ChannelVectors;
    public static int ForwardPositions => T.Positions;
    public static int ForwardWideChannelVectors => T.ChannelVectors;
    public static int ForwardWidePositions => T.Positions;
    public static bool ForwardWide => T.Wide;
    public static ConvWeightGradient WeightGradient => ConvWeightGradient.ChannelLanes;
    public static int WeightGradientChannelVectors => T.GradientVectors;
    public static int WeightGradientBlockRows => T.GradientBlockRows;
    public static int WeightGradientWideChannelVectors => T.GradientVectors;
    public static int WeightGradientWideBlockRows => T.GradientBlockRows;
    public static bool WeightGradientWide => T.Wide;
    public static ConvInputGradient InputGradient => ConvInputGradient.Columns;
    public static int InputGradientRowTile => 4;
    public static int InputGradientVectorTile => 3;
    public static int InputGradientWideVectorTile => 3;
}

/// <summary>32 → 32 channels, 3×3 same on 16 × 16 (8 rows of 8 tiles): Winograd forward and input gradient with <typeparamref name="T"/>'s blocks and tiles.</summary>
public readonly struct WinogradShape<T> : IConvShape where T : struct, ITestTiles
{
    public static int InChannels => 32;
    public static int OutChannels => 32;
    public static int InHeight => 16;
    public static int InWidth => 16;
    public static int OutHeight => 16;
    public static int OutWidth => 16;
    public static int KernelHeight => 3;
    public static int KernelWidth => 3;
    public static int PadHeight => 1;
    public static int PadWidth => 1;
    public static Activation Activation => Activation.ReLU;
    public static ConvForward Forward => ConvForward.Winograd;
    public static int ForwardBlockSamples => T.BlockSamples;
    public static int ForwardBlockRows => T.BlockRows;
    public static int ForwardTransformLanes => T.TransformLanes;
    public static bool ForwardPairedRows => T.PairedRows;
    public static int ForwardFilters => T.Filters;
    public static int ForwardVectors => T.Vectors;
    public static int ForwardWideFilters => T.Filters;
    public static int ForwardWideVectors => T.Vectors;
    public static bool ForwardWide => T.Wide;
    public static ConvWeightGradient WeightGradient => ConvWeightGradient.Direct;
    public static int WeightGradientFilters => 4;
    public static ConvInputGradient InputGradient => ConvInputGradient.Winograd;
    public static int InputGradientBlockSamples => T.BlockSamples;
    public static int InputGradientBlockRows => T.BlockRows;
    public static int InputGradientTransformLanes => T.TransformLanes;
    public static bool InputGradientPairedRows => T.PairedRows;
    public static int InputGradientFilters => T.Filters;
    public static int InputGradientVectors => T.Vectors;
    public static int InputGradientWideFilters => T.Filters;
    public static int InputGradientWideVectors => T.Vectors;
    public static bool InputGradientWide => T.Wide;
}

/// <summary>The same on 8 × 8 (4 rows of 4 tiles, which a transform may take two rows per vector), no ReLU.</summary>
public readonly struct WinogradNarrowShape<T> : IConvShape where T : struct, ITestTiles
{
    public static int InChannels => 32;
    public static int OutChannels => 32;
    public static int InHeight => 8;
    public static int InWidth => 8;
    public static int OutHeight => 8;
    public static int OutWidth => 8;
    public static int KernelHeight => 3;
    public static int KernelWidth => 3;
    public static int PadHeight => 1;
    public static int PadWidth => 1;
    public static Activation Activation => Activation.None;
    public static ConvForward Forward => ConvForward.Winograd;
    public static int ForwardBlockSamples => T.BlockSamples;
    public static int ForwardBlockRows => T.BlockRows;
    public static int ForwardTransformLanes => T.TransformLanes;
    public static bool ForwardPairedRows => T.PairedRows;
    public static int ForwardFilters => T.Filters;
    public static int ForwardVectors => T.Vectors;
    public static int ForwardWideFilters => T.Filters;
    public static int ForwardWideVectors => T.Vectors;
    public static bool ForwardWide => T.Wide;
    public static ConvWeightGradient WeightGradient => ConvWeightGradient.Direct;
    public static int WeightGradientFilters => 4;
    public static ConvInputGradient InputGradient => ConvInputGradient.Winograd;
    public static int InputGradientBlockSamples => T.BlockSamples;
    public static int InputGradientBlockRows => T.BlockRows;
    public static int InputGradientTransformLanes => T.TransformLanes;
    public static bool InputGradientPairedRows => T.PairedRows;
    public static int InputGradientFilters => T.Filters;
    public static int InputGradientVectors => T.Vectors;
    public static int InputGradientWideFilters => T.Filters;
    public static int InputGradientWideVectors => T.Vectors;
    public static bool InputGradientWide => T.Wide;
}
