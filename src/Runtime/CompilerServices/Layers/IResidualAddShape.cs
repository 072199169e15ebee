using System.ComponentModel;

namespace CnnCompiler.CompilerServices;

/// <summary>A residual add's constants as the generator decided them: its length and whether the ReLU after it runs inside it in training.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IResidualAddShape
{
    /// <summary>Floats in one sample (of each input and of the output).</summary>
    static abstract int Length { get; }

    /// <summary>
    /// Whether training runs the ReLU after this add in its pass: the forward then writes the ReLU's output
    /// (<see cref="ResidualAdd{TShape}.ForwardReLU"/>) and the backward reads the ReLU's output and output gradient.
    /// </summary>
    static abstract bool FusesReLU { get; }
}
