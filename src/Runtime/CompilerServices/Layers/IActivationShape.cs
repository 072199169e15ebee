using System.ComponentModel;

namespace CnnCompiler.CompilerServices;

/// <summary>A stand-alone activation layer's constants as the generator decided them.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IActivationShape
{
    /// <summary>Floats in one sample.</summary>
    static abstract int Length { get; }

    /// <summary>The function; <see cref="Activation.None"/> is the identity (a copy, so that the network's outputs have a buffer of their own).</summary>
    static abstract Activation Function { get; }

    /// <summary>LeakyReLU's negative slope or ELU's α (unused by the other functions).</summary>
    static abstract float Alpha { get; }
}
