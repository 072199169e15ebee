using CnnCompiler.Generator.Model;

namespace CnnCompiler.Generator.Layers;

/// <summary>
/// A convolution's shape on three axes (depth, height, width) as the runtime's <c>IConvShape</c> states it: a 2D layer
/// has depth 1, a 1D layer depth and height 1 (its length is the width). Padding is the padding before each axis.
/// </summary>
internal sealed record ConvGeometry(
    int Rank, int InChannels, int OutChannels,
    int InDepth, int InHeight, int InWidth,
    int OutDepth, int OutHeight, int OutWidth,
    int KernelDepth, int KernelHeight, int KernelWidth,
    int StrideDepth, int StrideHeight, int StrideWidth,
    int PadDepth, int PadHeight, int PadWidth)
{
    /// <summary>Rows of the im2col column matrix: input channels × kernel positions.</summary>
    public long ColumnRows => (long)InChannels * KernelDepth * KernelHeight * KernelWidth;

    /// <summary>Columns of the column matrix: output positions per channel.</summary>
    public long ColumnCols => (long)OutDepth * OutHeight * OutWidth;

    public long InputPlane => (long)InDepth * InHeight * InWidth;

    public bool IsStrideOne2D => Rank == 2 && StrideHeight == 1 && StrideWidth == 1;

    public bool IsThreeByThree => Rank == 2 && KernelHeight == 3 && KernelWidth == 3;

    public static ConvGeometry Of(LayerPlan layer)
    {
        int rank = layer.Decl.SpatialRank;
        // Axis a of the layer is axis a + 3 − rank of the three: the missing outer axes have size 1.
        int Axis(System.Func<int, int> value, int axis, int missing) => axis < 3 - rank ? missing : value(axis - (3 - rank));
        int In(int a) => Axis(layer.Input.Spatial, a, 1);
        int Out(int a) => Axis(layer.Output.Spatial, a, 1);
        int Kernel(int a) => Axis(i => layer.Decl.Kernel[i], a, 1);
        int Stride(int a) => Axis(i => layer.Stride[i], a, 1);
        int Pad(int a) => Axis(i => layer.PadBegin[i], a, 0);
        return new ConvGeometry(rank, layer.Input.Channels, layer.Output.Channels,
            In(0), In(1), In(2), Out(0), Out(1), Out(2), Kernel(0), Kernel(1), Kernel(2), Stride(0), Stride(1), Stride(2), Pad(0), Pad(1), Pad(2));
    }
}
