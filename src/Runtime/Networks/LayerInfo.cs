namespace CnnCompiler;

/// <summary>One layer of a generated network as summaries and tools see it.</summary>
/// <param name="Name">The layer's name (given, or generated: conv1, pool1, …; composites name their parts "block.conv1").</param>
/// <param name="Kind">The attribute that declared it (Conv2D, BatchNorm, …).</param>
/// <param name="OutputShape">The output shape of one sample, channels first.</param>
/// <param name="ParameterCount">Trainable parameters.</param>
/// <param name="Flops">Forward floating-point operations per sample (2 per multiply-add of convolutions and dense layers).</param>
public sealed record LayerInfo(string Name, string Kind, int[] OutputShape, int ParameterCount, long Flops)
{
    /// <summary>Floats in one sample's output.</summary>
    public int OutputLength
    {
        get
        {
            int length = 1;
            foreach (int dim in OutputShape) length *= dim;
            return length;
        }
    }

    /// <summary>
    /// The layers whose outputs this one reads, as indices into the network's <see cref="INetwork.LayerList"/> (−1: the
    /// network's input): the layer before it for most, a branch's source for a shortcut, main path and source for a
    /// residual add. Empty for layer tables written by hand.
    /// </summary>
    public int[] Inputs { get; init; } = [];

    /// <summary>
    /// The layer's structure as declared, or as its composite expands it (kernel, stride, padding, activation, epsilon, …),
    /// for tools that rebuild the network elsewhere, such as ONNX export. Each layer kind writes its own settings.
    /// </summary>
    public LayerSettings Settings { get; init; } = LayerSettings.Empty;
}
