using System.ComponentModel;

namespace CnnCompiler.CompilerServices;

/// <summary>A global pooling layer's constants: channels, plane size, and whether it takes the maximum or the mean.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGlobalPoolShape
{
    static abstract int Channels { get; }

    /// <summary>Values of one channel in one sample.</summary>
    static abstract int Plane { get; }

    /// <summary>Global max pooling (true) or global average pooling (false).</summary>
    static abstract bool Maximum { get; }
}
