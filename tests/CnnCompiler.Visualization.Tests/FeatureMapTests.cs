using CnnCompiler.Visualization.Tests.Support;

namespace CnnCompiler.Visualization.Tests;

public class FeatureMapTests
{
    private static float[] Sample(int length, int seed)
    {
        var random = new Random(seed);
        var sample = new float[length];
        for (int i = 0; i < length; i++) sample[i] = (float)random.NextDouble();
        return sample;
    }

    [Theory]
    [InlineData("conv1", 6, 28, 3, 2, 4)]   // 6×28×28: 3 columns × 2 rows of 112-pixel tiles
    [InlineData("pool1", 6, 14, 3, 2, 7)]   // 6×14×14: 98-pixel tiles
    [InlineData("conv2", 16, 10, 4, 4, 10)] // 16×10×10: 4 × 4
    [InlineData("pool2", 16, 5, 4, 4, 20)]  // 16×5×5: 100-pixel tiles
    public void LeNet5_layers_give_a_near_square_grid_of_channels_each_normalized(string layer, int channels, int side, int columns, int rows, int scale)
    {
        var net = new LeNet5(seed: 42);
        float[] input = Sample(LeNet5.InputLength, seed: 3);
        var activations = new float[channels * side * side];
        net.ComputeActivations(layer, input, activations);

        using var dir = new TempDirectory();
        Visualize.FeatureMaps(net, layer, input, dir.File(layer + ".png"));
        DecodedPng png = PngDecoder.Read(dir.File(layer + ".png"));

        string title = $"{layer} ({(layer.StartsWith("conv", StringComparison.Ordinal) ? "Conv2D" : "MaxPool2D")}): {channels} channels of {side}×{side}";
        var grid = GridGeometry.FeatureMaps(side, side, scale, title);
        Assert.Equal((grid.ImageWidth(columns), grid.ImageHeight(rows), 1), (png.Width, png.Height, png.Channels));
        Assert.Equal(title, PictureText.Read(png, GridGeometry.Margin, GridGeometry.Margin, title.Length));
        int plane = side * side;
        int contrasted = 0;
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> map = activations.AsSpan(c * plane, plane);
            bool constant = map.IndexOfAnyExcept(map[0]) < 0;
            byte[] levels = constant ? Enumerable.Repeat(Visualize.ConstantFeatureMapLevel, plane).ToArray() : GridGeometry.Levels(map);
            if (!constant) contrasted++;
            for (int i = 0; i < plane; i++)
            {
                var (x, y) = grid.Pixel(c % columns, c / columns, i / side, i % side, scale - 1, scale / 2);
                Assert.Equal(levels[i], png.At(x, y));
            }
            // The channel number in the band above the tile, 2 pixels in from its left edge.
            var (left, top) = grid.Tile(c % columns, c / columns);
            string label = c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(label, PictureText.Read(png, left + 2, top - grid.Band, label.Length));
        }
        Assert.True(contrasted >= channels / 2, $"only {contrasted} of {channels} channels vary: the test input shows too little");
        FilterTests.AssertSeparators(png, grid, columns, rows);
    }

    [Fact]
    public void Unused_cells_of_the_grid_stay_white()
    {
        var net = new RgbNet(seed: 5); // conv1: 4 channels 6×6 → 2 × 2, no unused cell
        using var dir = new TempDirectory();
        Visualize.FeatureMaps(net, "conv1", Sample(RgbNet.InputLength, 1), dir.File("conv1.png"));
        DecodedPng png = PngDecoder.Read(dir.File("conv1.png"));
        var grid = GridGeometry.FeatureMaps(6, 6, scale: 16, "conv1 (Conv2D): 4 channels of 6×6");
        Assert.Equal((grid.ImageWidth(2), grid.ImageHeight(2)), (png.Width, png.Height));

        var signal = new SignalNet(seed: 5); // conv1: 3 channels of 12 → 2 columns × 2 rows, the last cell unused
        Visualize.FeatureMaps(signal, "conv1", Sample(SignalNet.InputLength, 1), dir.File("signal.png"));
        DecodedPng strips = PngDecoder.Read(dir.File("signal.png"));
        var strip = GridGeometry.FeatureMaps(1, 12, scale: 8, "conv1 (Conv1D): 3 channels of 12");
        Assert.Equal((strip.ImageWidth(2), strip.ImageHeight(2)), (strips.Width, strips.Height));
        var (x, y) = strip.Pixel(1, 1, 0, 0);
        for (int dy = -strip.Band; dy < 8; dy++) // the unused cell's label band and tile
        {
            for (int dx = 0; dx < 96; dx++) Assert.Equal(255, strips.At(x + dx, y + dy));
        }
    }

    [Fact]
    public void A_dense_layer_is_one_strip()
    {
        var net = new LeNet5(seed: 42);
        float[] input = Sample(LeNet5.InputLength, seed: 4);
        var activations = new float[120];
        net.ComputeActivations("dense1", input, activations);

        using var dir = new TempDirectory();
        Visualize.FeatureMaps(net, "dense1", input, dir.File("dense1.png"));
        DecodedPng png = PngDecoder.Read(dir.File("dense1.png"));

        const string title = "dense1 (Dense): 120 values";
        var strip = GridGeometry.FeatureMaps(1, 120, scale: 1, title);
        Assert.Equal((strip.ImageWidth(1), strip.ImageHeight(1)), (png.Width, png.Height));
        Assert.Equal((8 + 12 * title.Length, 22 + 1 + 16 + 1 + 1 + 4), (png.Width, png.Height)); // the title is wider than the strip
        byte[] levels = GridGeometry.Levels(activations);
        for (int i = 0; i < 120; i++) Assert.Equal(levels[i], png.At(strip.Tile(0, 0).X + i, strip.Tile(0, 0).Y));
        Assert.Equal(title, PictureText.Read(png, GridGeometry.Margin, GridGeometry.Margin, title.Length));
    }

    [Fact]
    public void Unknown_layers_and_wrong_inputs_are_refused()
    {
        var net = new LeNet5(seed: 42);
        using var dir = new TempDirectory();
        var unknown = Assert.Throws<ArgumentException>(() => Visualize.FeatureMaps(net, "conv7", new float[784], dir.File("x.png")));
        Assert.Contains("no layer named 'conv7'", unknown.Message);
        Assert.Contains("pool2", unknown.Message);

        Assert.Throws<ArgumentException>(() => Visualize.FeatureMaps(net, "conv1", new float[783], dir.File("x.png")));
        Assert.False(File.Exists(dir.File("x.png")));
    }
}
