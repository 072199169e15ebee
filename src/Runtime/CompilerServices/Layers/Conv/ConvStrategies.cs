using System.ComponentModel;

namespace CnnCompiler.CompilerServices;

/// <summary>How a convolution computes its forward pass (the generator decides it per layer; see <see cref="IConvShape"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum ConvForward
{
    /// <summary>im2col into a column matrix per sample, then W · columns as a broadcast GEMM.</summary>
    Columns,

    /// <summary>Stride-1 2D: register tiles of filters × rows × column vectors read a zero-bordered copy in place.</summary>
    Direct,

    /// <summary>Stride-1 2D on narrow rows: output channels in the vector lanes, transposed weights cached between calls.</summary>
    ChannelLanes,

    /// <summary>Stride-1 3×3 with at least 32 channels each side: Winograd F(2×2, 3×3).</summary>
    Winograd,
}

/// <summary>How a convolution computes its weight gradient.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum ConvWeightGradient
{
    /// <summary>dW += dY · columnsᵀ as a dot-product GEMM over the im2col columns.</summary>
    Columns,

    /// <summary>Reduced from dY and the forward pass's bordered copy in tiles of filters × kernel columns, vectors along the output rows.</summary>
    Direct,

    /// <summary>Reduced with output channels in the vector lanes from dY transposed per sample (small planes).</summary>
    ChannelLanes,
}

/// <summary>How a convolution computes its input gradient.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum ConvInputGradient
{
    /// <summary>Wᵀ · dY into the column matrix, folded back with col2im.</summary>
    Columns,

    /// <summary>A direct convolution of the bordered dY with the weights rotated by 180° and their channel axes swapped.</summary>
    Direct,

    /// <summary>That convolution as Winograd F(2×2, 3×3).</summary>
    Winograd,
}
