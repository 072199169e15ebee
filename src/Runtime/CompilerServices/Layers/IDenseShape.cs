using System.ComponentModel;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// A dense layer's constants as the generator decided them: its sizes, fused activation, and the register tiles of its
/// three GEMMs (forward Y = X·Wᵀ as dot products along the inputs; backward dW += dYᵀ·X and dX = dY·W broadcast along
/// the inputs).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDenseShape
{
    /// <summary>Inputs per sample (a spatial input is read flat, channel-major).</summary>
    static abstract int Inputs { get; }

    static abstract int Units { get; }

    static abstract Activation Activation { get; }

    /// <summary>Forward: samples × units per dot-product tile, and whether the 512-bit twin runs.</summary>
    static abstract int ForwardRowTile { get; }
    static abstract int ForwardColumnTile { get; }
    static abstract bool ForwardWide { get; }

    /// <summary>Both backward GEMMs: rows per tile, vectors per tile (256-bit and 512-bit vectors), whether the 512-bit twin runs.</summary>
    static abstract int WeightGradientRowTile { get; }
    static abstract int WeightGradientVectorTile { get; }
    static abstract int WeightGradientWideVectorTile { get; }
    static abstract bool WeightGradientWide { get; }
    static abstract int InputGradientRowTile { get; }
    static abstract int InputGradientVectorTile { get; }
    static abstract int InputGradientWideVectorTile { get; }
    static abstract bool InputGradientWide { get; }
}
