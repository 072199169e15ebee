using System.ComponentModel;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// An upsampling layer's constants, every rank as 3D (a 2D layer has depth 1 and scale 1 along it; a 1D layer's
/// length is its width): channels, input sizes, integer scale per axis, and the mode.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IUpsampleShape
{
    static abstract int Channels { get; }

    static abstract int InDepth { get; }

    static abstract int InHeight { get; }

    static abstract int InWidth { get; }

    static abstract int ScaleDepth { get; }

    static abstract int ScaleHeight { get; }

    static abstract int ScaleWidth { get; }

    /// <summary>Linear interpolation with align_corners=False (true) or nearest neighbour (false).</summary>
    static abstract bool Linear { get; }
}
