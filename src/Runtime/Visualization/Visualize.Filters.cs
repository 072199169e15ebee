namespace CnnCompiler;

public static partial class Visualize
{
    /// <summary>
    /// Writes the filters of a Conv1D or Conv2D layer as a PNG grid, one column per filter: with 3 input channels one
    /// RGB tile per filter (input channels 0, 1, 2 as red, green, blue); otherwise one gray row of tiles per input
    /// channel. Each filter is normalized on its own, over all its input channels: its smallest weight is 0, its
    /// largest 255 (a filter whose weights are all equal is <see cref="ConstantFilterLevel"/>). Labelled: a title
    /// with the layer's name, filter count, input channels and kernel size; each column's filter number above it;
    /// each row's input channel ("in 0", …, or "RGB") left of it.
    /// </summary>
    /// <param name="network">The network whose weights are drawn.</param>
    /// <param name="path">The PNG file to write (replaced if it exists).</param>
    /// <param name="layer">The convolution layer's name (see <see cref="INetwork.LayerList"/>); null for the first Conv1D or Conv2D layer.</param>
    /// <exception cref="ArgumentException">No such layer, or it is not a 1D or 2D convolution.</exception>
    public static void Filters(INetwork network, string path, string? layer = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        PngEncoder.Save(FilterGrid(network, layer), path);
    }

    /// <summary>The picture <see cref="Filters"/> writes (TensorBoard's image summaries take it too).</summary>
    internal static Raster FilterGrid(INetwork network, string? layer)
    {
        TensorInfo weights = ConvolutionWeights.Find(network, layer);
        int[] shape = weights.Shape;
        int filters = shape[0], channels = shape[1];
        int height = shape.Length == 4 ? shape[2] : 1, width = shape[^1];
        int kernel = height * width;
        bool rgb = channels == 3;

        string size = height == 1 ? $"{width}" : $"{height}×{width}";
        var labels = new GridLabels(
            $"{weights.Layer}: {filters} filter{(filters == 1 ? "" : "s")}, {channels} input channel{(channels == 1 ? "" : "s")}{(rgb ? " as RGB" : "")}, {size}",
            ColumnLabels: [.. Enumerable.Range(0, filters).Select(f => f.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            RowLabels: rgb ? ["RGB"] : [.. Enumerable.Range(0, channels).Select(c => "in " + c.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        var grid = new TileGrid(filters, rgb ? 1 : channels, height, width, rgb ? 3 : 1, labels);
        ReadOnlySpan<float> values = weights.Values(network);
        var levels = new byte[channels * kernel];
        for (int f = 0; f < filters; f++)
        {
            Intensity.Normalize(values.Slice(f * levels.Length, levels.Length), levels, ConstantFilterLevel);
            for (int c = 0; c < channels; c++)
            {
                grid.Draw(f, rgb ? 0 : c, rgb ? c : 0, levels.AsSpan(c * kernel, kernel));
            }
        }
        return grid.Image;
    }
}
