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
    [InlineData("conv1", 6, 28, 3, 2, 2)]   // 6×28×28: 3 columns × 2 rows of 56-pixel tiles
    [InlineData("pool1", 6, 14, 3, 2, 3)]   // 6×14×14
    [InlineData("conv2", 16, 10, 4, 4, 4)]  // 16×10×10: 4 × 4
    [InlineData("pool2", 16, 5, 4, 4, 7)]   // 16×5×5: 35-pixel tiles
    public void LeNet5_layers_give_a_near_square_grid_of_channels_each_normalized(string layer, int channels, int side, int columns, int rows, int scale)
    {
        var net = new LeNet5(seed: 42);
        float[] input = Sample(LeNet5.InputLength, seed: 3);
        var activations = new float[channels * side * side];
        net.ComputeActivations(layer, input, activations);

        using var dir = new TempDirectory();
        Visualize.FeatureMaps(net, layer, input, dir.File(layer + ".png"));
        DecodedPng png = PngDecoder.Read(dir.File(layer + ".png"));

        var grid = new GridGeometry(side, side, scale);
        Assert.Equal((grid.ImageWidth(columns), grid.ImageHeight(rows), 1), (png.Width, png.Height, png.Channels));
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
        var grid = new GridGeometry(6, 6, Scale: 6);
        Assert.Equal((grid.ImageWidth(2), grid.ImageHeight(2)), (png.Width, png.Height));

        var signal = new SignalNet(seed: 5); // conv1: 3 channels of 12 → 2 columns × 2 rows, the last cell unused
        Visualize.FeatureMaps(signal, "conv1", Sample(SignalNet.InputLength, 1), dir.File("signal.png"));
        DecodedPng strips = PngDecoder.Read(dir.File("signal.png"));
        var strip = new GridGeometry(1, 12, Scale: 3);
        Assert.Equal((strip.ImageWidth(2), strip.ImageHeight(2)), (strips.Width, strips.Height));
        var (x, y) = strip.Pixel(1, 1, 0, 0);
        for (int dy = 0; dy < 3; dy++)
        {
            for (int dx = 0; dx < 36; dx++) Assert.Equal(255, strips.At(x + dx, y + dy));
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

        Assert.Equal((122, 3), (png.Width, png.Height));
        byte[] levels = GridGeometry.Levels(activations);
        for (int i = 0; i < 120; i++) Assert.Equal(levels[i], png.At(1 + i, 1));
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
