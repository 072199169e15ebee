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
}
