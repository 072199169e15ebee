using System.ComponentModel;

namespace CnnCompiler.CompilerServices;

/// <summary>A dropout layer's constants: its length and rate.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDropoutShape
{
    /// <summary>Floats in one sample.</summary>
    static abstract int Length { get; }

    /// <summary>The probability that a value is dropped, in [0, 1).</summary>
    static abstract float Rate { get; }
}
