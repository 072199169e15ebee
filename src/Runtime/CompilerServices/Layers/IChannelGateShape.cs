using System.ComponentModel;

namespace CnnCompiler.CompilerServices;

/// <summary>A squeeze-and-excitation gate's constants as the generator decided them.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IChannelGateShape
{
    /// <summary>Channels: the gate's length per sample.</summary>
    static abstract int Channels { get; }

    /// <summary>Values per channel and sample of the feature map (and the output).</summary>
    static abstract int Plane { get; }

    /// <summary>Whether the gate is the second input (skip) and the feature map the first; else the other way round.</summary>
    static abstract bool GateIsNamedInput { get; }
}
