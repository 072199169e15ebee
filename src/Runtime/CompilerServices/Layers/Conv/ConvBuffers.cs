using System.ComponentModel;

namespace CnnCompiler.CompilerServices;

/// <summary>
/// The workspace arrays one convolution's kernels use, sized by the generator for the layer's strategies (an array a
/// strategy does not use stays null). They live in the generated workspace, one per caller, so the kernels allocate
/// nothing; the forward pass and the input gradient run at different times and share the Winograd arrays.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ConvBuffers
{
    /// <summary>im2col: one sample's column matrix, (input channels · kernel positions) × output positions.</summary>
    public float[] Columns { get; init; }

    /// <summary>Direct and channels-in-lanes passes: one sample zero-bordered by the padding (the borders are never written).</summary>
    public float[] Padded { get; init; }

    /// <summary>Channels-in-lanes forward: the weights transposed to (input channel, ky, kx) × output channels.</summary>
    public float[] WeightsByChannel { get; init; }

    /// <summary>Channels-in-lanes forward: the weights <see cref="WeightsByChannel"/> was made from (redone when they differ bitwise).</summary>
    public float[] WeightsSource { get; init; }

    /// <summary>Channels-in-lanes forward: one sample's output as positions × channels, before it is transposed back.</summary>
    public float[] OutputByPosition { get; init; }

    /// <summary>Channels-in-lanes weight gradient: one sample's dY as positions × channels.</summary>
    public float[] GradientByPosition { get; init; }

    /// <summary>Channels-in-lanes weight gradient: the batch's dW as (input channel, ky, kx) × output channels.</summary>
    public float[] WeightGradientByChannel { get; init; }

    /// <summary>Direct input gradient: one sample's dY bordered by kernel − 1 − padding zeros.</summary>
    public float[] PaddedGradient { get; init; }

    /// <summary>Direct and Winograd input gradient: the weights rotated by 180° with their channel axes swapped.</summary>
    public float[] RotatedWeights { get; init; }

    /// <summary>Winograd: the transformed weights U (16 × filters × inputs).</summary>
    public float[] WinogradWeights { get; init; }

    /// <summary>Winograd: one block's transformed input V (16 × inputs × tiles).</summary>
    public float[] WinogradTransformed { get; init; }

    /// <summary>Winograd: one block's products M (16 × filters × tiles).</summary>
    public float[] WinogradProducts { get; init; }

    /// <summary>Winograd forward: one block's samples, zero-bordered, each row split into even and odd columns.</summary>
    public float[] WinogradSource { get; init; }

    /// <summary>Winograd input gradient: the same for the bordered dY (its own border, so its own array).</summary>
    public float[] WinogradGradientSource { get; init; }
}
