namespace CnnCompiler;

/// <summary>
/// Pictures of a network as PNG files: convolution filters and feature maps here (no native library: the PNG encoder
/// is our own); training curves in the CnnCompiler.Visualization package, which adds <c>Visualize.TrainingCurves</c>.
/// Grids of tiles are scaled up by a whole factor (nearest neighbour) until a tile's longer side is at least 96 pixels
/// (less only where the picture would exceed 4096 pixels), framed and separated by 1-pixel white lines, and labelled
/// with a small bitmap font of our own (layer, filter and channel numbers). See docs/visualization.md.
/// </summary>
public static partial class Visualize
{
    /// <summary>The gray level of a filter whose weights are all equal (mid-gray: no contrast).</summary>
    public const byte ConstantFilterLevel = 128;

    /// <summary>The gray level of a feature map whose values are all equal (black: nothing stands out, as a dead ReLU channel).</summary>
    public const byte ConstantFeatureMapLevel = 0;
}
