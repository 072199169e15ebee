namespace CnnCompiler.Generator.Layers;

// The strategies of a convolution's three passes, named as the runtime's enums of the same names
// (CnnCompiler.CompilerServices.ConvForward, …) whose members the kernel structs name.

/// <summary>How a convolution computes its forward pass.</summary>
internal enum ConvForward
{
    /// <summary>im2col into a column matrix per sample, then W · columns as a broadcast GEMM.</summary>
    Columns,

    /// <summary>Register tiles of filters × rows × column vectors reading a zero-bordered copy (<see cref="DirectTiling"/>).</summary>
    Direct,

    /// <summary>Output channels in the vector lanes, for narrow rows (<see cref="DirectTiling.ForwardByChannel"/>).</summary>
    ChannelLanes,

    /// <summary>Winograd F(2×2, 3×3) (<see cref="WinogradTiling"/>).</summary>
    Winograd,
}

/// <summary>How a convolution computes its weight gradient.</summary>
internal enum ConvWeightGradient
{
    /// <summary>dW += dY · columnsᵀ as a dot-product GEMM over the im2col columns.</summary>
    Columns,

    /// <summary>From dY and the bordered copy in tiles of filters × kernel columns.</summary>
    Direct,

    /// <summary>With output channels in the vector lanes, for small planes.</summary>
    ChannelLanes,
}

/// <summary>How a convolution computes its input gradient.</summary>
internal enum ConvInputGradient
{
    /// <summary>Wᵀ · dY into the column matrix, folded back with col2im.</summary>
    Columns,

    /// <summary>A direct convolution of the bordered dY with the rotated weights.</summary>
    Direct,

    /// <summary>That convolution as Winograd F(2×2, 3×3).</summary>
    Winograd,
}
