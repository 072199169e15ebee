namespace CnnCompiler.CompilerServices;

/// <summary>
/// The layer's constants as each kernel reads them. The input gradient of a stride-1 layer is itself a stride-1
/// convolution, of dY bordered by kernel − 1 − padding, with the weights' channel axes swapped and the kernel rotated by
/// 180°: the same kernels run it with inputs and outputs exchanged.
/// </summary>
public static partial class Conv<TShape>
{
    private readonly struct ForwardDirectConv : IDirectConv
    {
        public static int Inputs => TShape.InChannels;
        public static int Outputs => TShape.OutChannels;
        public static int Height => TShape.OutHeight;
        public static int Width => TShape.OutWidth;
        public static int KernelHeight => TShape.KernelHeight;
        public static int KernelWidth => TShape.KernelWidth;
        public static bool ReLU => FusesReLU;
        public static int Filters => TShape.ForwardFilters;
        public static int Rows => TShape.ForwardRows;
        public static int Vectors => TShape.ForwardVectors;
        public static int WideFilters => TShape.ForwardWideFilters;
        public static int WideRows => TShape.ForwardWideRows;
        public static int WideVectors => TShape.ForwardWideVectors;
        public static bool Wide => TShape.ForwardWide;
    }

    private readonly struct InputGradientDirectConv : IDirectConv
    {
        public static int Inputs => TShape.OutChannels;
        public static int Outputs => TShape.InChannels;
        public static int Height => TShape.InHeight;
        public static int Width => TShape.InWidth;
        public static int KernelHeight => TShape.KernelHeight;
        public static int KernelWidth => TShape.KernelWidth;
        public static bool ReLU => false;
        public static int Filters => TShape.InputGradientFilters;
        public static int Rows => TShape.InputGradientRows;
        public static int Vectors => TShape.InputGradientVectors;
        public static int WideFilters => TShape.InputGradientWideFilters;
        public static int WideRows => TShape.InputGradientWideRows;
        public static int WideVectors => TShape.InputGradientWideVectors;
        public static bool Wide => TShape.InputGradientWide;
    }

    private readonly struct ForwardChannelConv : IChannelLanesConv
    {
        public static int Inputs => TShape.InChannels;
        public static int Outputs => TShape.OutChannels;
        public static int Height => TShape.OutHeight;
        public static int Width => TShape.OutWidth;
        public static int KernelHeight => TShape.KernelHeight;
        public static int KernelWidth => TShape.KernelWidth;
        public static bool ReLU => FusesReLU;
        public static int ChannelVectors => TShape.ForwardChannelVectors;
        public static int Positions => TShape.ForwardPositions;
        public static int WideChannelVectors => TShape.ForwardWideChannelVectors;
        public static int WidePositions => TShape.ForwardWidePositions;
        public static bool Wide => TShape.ForwardWide;
    }

    private readonly struct ForwardWinogradConv : IWinogradConv
    {
        public static int Inputs => TShape.InChannels;
        public static int Outputs => TShape.OutChannels;
        public static int InHeight => TShape.InHeight;
        public static int InWidth => TShape.InWidth;
        public static int Height => TShape.OutHeight;
        public static int Width => TShape.OutWidth;
        public static int Top => TShape.PadHeight;
        public static int Left => TShape.PadWidth;
        public static bool ReLU => FusesReLU;
        public static int BlockSamples => TShape.ForwardBlockSamples;
        public static int BlockRows => TShape.ForwardBlockRows;
        public static int TransformLanes => TShape.ForwardTransformLanes;
        public static bool PairedRows => TShape.ForwardPairedRows;
        public static int Filters => TShape.ForwardFilters;
        public static int Vectors => TShape.ForwardVectors;
        public static int WideFilters => TShape.ForwardWideFilters;
        public static int WideVectors => TShape.ForwardWideVectors;
        public static bool Wide => TShape.ForwardWide;
    }

    private readonly struct InputGradientWinogradConv : IWinogradConv
    {
        public static int Inputs => TShape.OutChannels;
        public static int Outputs => TShape.InChannels;
        public static int InHeight => TShape.OutHeight;
        public static int InWidth => TShape.OutWidth;
        public static int Height => TShape.InHeight;
        public static int Width => TShape.InWidth;
        public static int Top => 2 - TShape.PadHeight;
        public static int Left => 2 - TShape.PadWidth;
        public static bool ReLU => false;
        public static int BlockSamples => TShape.InputGradientBlockSamples;
        public static int BlockRows => TShape.InputGradientBlockRows;
        public static int TransformLanes => TShape.InputGradientTransformLanes;
        public static bool PairedRows => TShape.InputGradientPairedRows;
        public static int Filters => TShape.InputGradientFilters;
        public static int Vectors => TShape.InputGradientVectors;
        public static int WideFilters => TShape.InputGradientWideFilters;
        public static int WideVectors => TShape.InputGradientWideVectors;
        public static bool Wide => TShape.InputGradientWide;
    }

    private readonly struct WeightGradientDirectConv : IDirectWeightGradient
    {
        public static int Inputs => TShape.InChannels;
        public static int Outputs => TShape.OutChannels;
        public static int Height => TShape.OutHeight;
        public static int Width => TShape.OutWidth;
        public static int KernelHeight => TShape.KernelHeight;
        public static int KernelWidth => TShape.KernelWidth;
        public static int Filters => TShape.WeightGradientFilters;
        public static bool Wide => TShape.WeightGradientWide;
    }

    private readonly struct WeightGradientChannelConv : IChannelLanesWeightGradient
    {
        public static int Inputs => TShape.InChannels;
        public static int Outputs => TShape.OutChannels;
        public static int Height => TShape.OutHeight;
        public static int Width => TShape.OutWidth;
        public static int KernelHeight => TShape.KernelHeight;
        public static int KernelWidth => TShape.KernelWidth;
        public static int ChannelVectors => TShape.WeightGradientChannelVectors;
        public static int BlockRows => TShape.WeightGradientBlockRows;
        public static int WideChannelVectors => TShape.WeightGradientWideChannelVectors;
        public static int WideBlockRows => TShape.WeightGradientWideBlockRows;
        public static bool Wide => TShape.WeightGradientWide;
    }
}
