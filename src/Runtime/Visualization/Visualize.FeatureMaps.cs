namespace CnnCompiler;

public static partial class Visualize
{
    /// <summary>
    /// Runs <paramref name="input"/> (one sample) through the network and writes the output of
    /// <paramref name="layer"/> as a gray PNG grid, one tile per channel, channels left to right then top to bottom
    /// in a near-square grid (ceil(√C) columns). Each channel is normalized on its own: its smallest value is 0, its
    /// largest 255 (a channel whose values are all equal is <see cref="ConstantFeatureMapLevel"/>). A C×L output
    /// (1D) is drawn as C strips one pixel row high before scaling; a flat output (Dense) as one strip. Labelled: a
    /// title with the layer's name, kind and output shape, and each tile's channel number above it.
    /// </summary>
    /// <param name="network">The network to run.</param>
    /// <param name="layer">The layer's name (see <see cref="INetwork.LayerList"/>).</param>
    /// <param name="input">One sample, <see cref="INetwork.InputLength"/> floats.</param>
    /// <param name="path">The PNG file to write (replaced if it exists).</param>
    /// <exception cref="ArgumentException">No such layer, a 3D layer, or an input of the wrong length.</exception>
    public static void FeatureMaps(INetwork network, string layer, ReadOnlySpan<float> input, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(layer);
        ArgumentException.ThrowIfNullOrEmpty(path);
        PngEncoder.Save(FeatureMapGrid(network, layer, input), path);
    }

    /// <summary>The picture <see cref="FeatureMaps"/> writes (TensorBoard's image summaries take it too).</summary>
    internal static Raster FeatureMapGrid(INetwork network, string layer, ReadOnlySpan<float> input)
    {
        LayerInfo info = network.LayerList.FirstOrDefault(l => l.Name == layer)
            ?? throw new ArgumentException($"The network has no layer named '{layer}' (its layers: {string.Join(", ", network.LayerList.Select(l => l.Name))}).", nameof(layer));
        (int channels, int height, int width) = info.OutputShape switch
        {
            [int c, int h, int w] => (c, h, w),
            [int c, int l] => (c, 1, l),
            [int n] => (1, 1, n),
            _ => throw new ArgumentException(
                $"Layer '{layer}' outputs [{string.Join(", ", info.OutputShape)}]; feature maps are drawn for 1D and 2D layers.", nameof(layer)),
        };

        var activations = new float[info.OutputLength];
        network.ComputeActivations(layer, input, activations);

        int columns = (int)Math.Ceiling(Math.Sqrt(channels));
        int rows = (channels + columns - 1) / columns;
        string shape = info.OutputShape.Length switch
        {
            3 => $"{channels} channel{(channels == 1 ? "" : "s")} of {height}×{width}",
            2 => $"{channels} channel{(channels == 1 ? "" : "s")} of {width}",
            _ => $"{width} values",
        };
        var grid = new TileGrid(columns, rows, height, width, 1, new GridLabels($"{layer} ({info.Kind}): {shape}", TileLabels: true));
        int plane = height * width;
        var levels = new byte[plane];
        for (int c = 0; c < channels; c++)
        {
            Intensity.Normalize(activations.AsSpan(c * plane, plane), levels, ConstantFeatureMapLevel);
            grid.Draw(c % columns, c / columns, 0, levels);
            grid.Label(c % columns, c / columns, c.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return grid.Image;
    }
}
