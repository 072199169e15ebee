using System.ComponentModel;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// A BatchNorm layer's constants as the generator decided them: its channels, the values each channel has per sample,
/// PyTorch's momentum and ε, and whether the stand-alone ReLU after it runs inside it in training.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IBatchNormShape
{
    /// <summary>Channels (features, after a dense layer).</summary>
    static abstract int Channels { get; }

    /// <summary>Values of one channel in one sample: the plane's size (1 after a dense layer).</summary>
    static abstract int Plane { get; }

    /// <summary>The weight of the batch statistics in the running ones.</summary>
    static abstract double Momentum { get; }

    static abstract double Epsilon { get; }

    /// <summary>
    /// Whether training runs the ReLU after this layer in its passes: the forward then writes the ReLU's output
    /// (<see cref="BatchNorm{TShape}.ForwardReLU"/>) and the backward reads the ReLU's output and output gradient.
    /// </summary>
    static abstract bool FusesReLU { get; }
}
