using CnnCompiler.Visualization.Tests.Support;

namespace CnnCompiler.Visualization.Tests;

public class FilterTests
{
    private const string Conv1Title = "conv1: 6 filters, 1 input channel, 5×5";
    private const string Conv2Title = "conv2: 16 filters, 6 input channels, 5×5";

    // 5×5 kernels: scale 20 (100-pixel tiles); row labels "in 0" … "in 5" are 4 characters.
    private static readonly GridGeometry Conv1 = GridGeometry.Filters(5, 5, scale: 20, rowLabelLength: 4, Conv1Title);
    private static readonly GridGeometry Conv2 = GridGeometry.Filters(5, 5, scale: 20, rowLabelLength: 4, Conv2Title);

    [Fact]
    public void First_conv_layer_is_one_gray_row_of_6_tiles_each_filter_normalized_on_its_own()
    {
        var net = new LeNet5(seed: 1);
        Span<float> w = LeNet5.Tensors.Single(t => t.Name == "conv1.weight").Values(net);
        Assert.Equal(150, w.Length);
        // Filter f: ramp k = 5y + x, ascending for even f, descending for odd f, at a different offset and scale per
        // filter (so one normalization for the whole layer would give other levels); filter 5 is constant.
        for (int f = 0; f < 6; f++)
        {
            for (int k = 0; k < 25; k++) w[f * 25 + k] = f == 5 ? 0.3f : (f - 2) * 0.5f + (f % 2 == 0 ? k : 24 - k) * 0.01f * (f + 1);
        }

        using var dir = new TempDirectory();
        Visualize.Filters(net, dir.File("conv1.png"));
        DecodedPng png = PngDecoder.Read(dir.File("conv1.png"));

        Assert.Equal((667, 146, 1), (png.Width, png.Height, png.Channels)); // was 217×37 with 35-pixel tiles and no labels
        Assert.Equal((Conv1.ImageWidth(6), Conv1.ImageHeight(1)), (png.Width, png.Height));
        for (int f = 0; f < 6; f++)
        {
            byte[] levels = GridGeometry.Levels(w.Slice(f * 25, 25));
            if (f < 5) Assert.Equal((0, 255), f % 2 == 0 ? (levels[0], levels[24]) : (levels[24], levels[0]));
            for (int k = 0; k < 25; k++)
            {
                byte expected = f == 5 ? Visualize.ConstantFilterLevel : levels[k];
                foreach (var (sy, sx) in new[] { (0, 0), (19, 19), (3, 15) })
                {
                    var (x, y) = Conv1.Pixel(f, 0, k / 5, k % 5, sy, sx);
                    Assert.Equal(expected, png.At(x, y));
                }
            }
        }
        AssertSeparators(png, Conv1, columns: 6, rows: 1);
    }

    [Fact]
    public void Filters_are_labelled_with_the_layer_the_filter_numbers_and_the_input_channels()
    {
        using var dir = new TempDirectory();
        Visualize.Filters(new LeNet5(seed: 1), dir.File("conv2.png"), "conv2");
        DecodedPng png = PngDecoder.Read(dir.File("conv2.png"));

        Assert.Equal(Conv2Title, PictureText.Read(png, GridGeometry.Margin, GridGeometry.Margin, Conv2Title.Length));
        for (int f = 0; f < 16; f++)
        {
            // Centred above the column: the tile is 100 pixels wide, a label of n characters 12n.
            string label = f.ToString(System.Globalization.CultureInfo.InvariantCulture);
            int left = Conv2.Tile(f, 0).X + (100 - 12 * label.Length) / 2;
            Assert.Equal(label, PictureText.Read(png, left, Conv2.GridTop - GridGeometry.Margin - GridGeometry.TextHeight, label.Length));
        }
        for (int c = 0; c < 6; c++)
        {
            // Left of the row, centred on its 100-pixel tile.
            int top = Conv2.Tile(0, c).Y + (100 - GridGeometry.TextHeight) / 2;
            Assert.Equal($"in {c}", PictureText.Read(png, GridGeometry.Margin, top, 4));
        }
        // Nothing else is written: the band between the title and the column labels, and the margins, are white.
        for (int x = 0; x < png.Width; x++) Assert.Equal(255, png.At(x, GridGeometry.Margin + GridGeometry.TextHeight + 1));
        for (int y = 0; y < png.Height; y++) Assert.Equal(255, png.At(png.Width - 1, y));
    }

    [Fact]
    public void Named_layer_has_a_row_per_input_channel_and_normalizes_across_its_channels()
    {
        var net = new LeNet5(seed: 1);
        TensorInfo tensor = LeNet5.Tensors.Single(t => t.Name == "conv2.weight");
        Assert.Equal([16, 6, 5, 5], tensor.Shape);
        Span<float> w = tensor.Values(net);
        for (int f = 0; f < 16; f++)
        {
            for (int i = 0; i < 150; i++) w[f * 150 + i] = f + i * 0.001f; // value index i = 25c + 5y + x
        }

        using var dir = new TempDirectory();
        Visualize.Filters(net, dir.File("conv2.png"), "conv2");
        DecodedPng png = PngDecoder.Read(dir.File("conv2.png"));

        Assert.Equal((Conv2.ImageWidth(16), Conv2.ImageHeight(6), 1), (png.Width, png.Height, png.Channels));
        Assert.Equal((1677, 651), (png.Width, png.Height));
        foreach (int f in new[] { 0, 7, 15 })
        {
            byte[] levels = GridGeometry.Levels(w.Slice(f * 150, 150));
            Assert.Equal((0, 255), (levels[0], levels[149])); // the first channel's first weight to the last channel's last
            for (int c = 0; c < 6; c++)
            {
                for (int k = 0; k < 25; k += 6)
                {
                    var (x, y) = Conv2.Pixel(f, c, k / 5, k % 5, 2, 14);
                    Assert.Equal(levels[c * 25 + k], png.At(x, y));
                }
            }
        }
        AssertSeparators(png, Conv2, columns: 16, rows: 6);
    }

    [Fact]
    public void Three_input_channels_give_one_rgb_tile_per_filter()
    {
        var net = new RgbNet(seed: 1);
        TensorInfo tensor = RgbNet.Tensors.Single(t => t.Name == "conv1.weight");
        Assert.Equal([4, 3, 3, 3], tensor.Shape);
        Span<float> w = tensor.Values(net);
        for (int f = 0; f < 4; f++)
        {
            for (int i = 0; i < 27; i++) w[f * 27 + i] = -f + i; // i = 9c + 3y + x
        }

        using var dir = new TempDirectory();
        Visualize.Filters(net, dir.File("rgb.png"));
        DecodedPng png = PngDecoder.Read(dir.File("rgb.png"));

        const string title = "conv1: 4 filters, 3 input channels as RGB, 3×3";
        var grid = GridGeometry.Filters(3, 3, scale: 32, rowLabelLength: 3, title); // the row is labelled "RGB"
        Assert.Equal((grid.ImageWidth(4), grid.ImageHeight(1), 3), (png.Width, png.Height, png.Channels));
        for (int f = 0; f < 4; f++)
        {
            for (int k = 0; k < 9; k++)
            {
                var (x, y) = grid.Pixel(f, 0, k / 3, k % 3, 31, 31);
                for (int c = 0; c < 3; c++) Assert.Equal(GridGeometry.Level(c * 9 + k, 0, 26), png.At(x, y, c));
            }
        }
        Assert.Equal([255, 255, 255], new[] { png.At(0, 5, 0), png.At(0, 5, 1), png.At(0, 5, 2) });
        Assert.Equal(title, PictureText.Read(png, GridGeometry.Margin, GridGeometry.Margin, title.Length));
        Assert.Equal("RGB", PictureText.Read(png, GridGeometry.Margin, grid.Tile(0, 0).Y + (96 - GridGeometry.TextHeight) / 2, 3));
    }

    [Fact]
    public void Conv1D_filters_are_strips_one_value_high()
    {
        var net = new SignalNet(seed: 1);
        Span<float> w = SignalNet.Tensors.Single(t => t.Name == "conv1.weight").Values(net);
        for (int i = 0; i < w.Length; i++) w[i] = i % 10; // filter f: channel 0 then channel 1, 5 taps each: 0..9

        using var dir = new TempDirectory();
        Visualize.Filters(net, dir.File("signal.png"));
        DecodedPng png = PngDecoder.Read(dir.File("signal.png"));

        const string title = "conv1: 3 filters, 2 input channels, 5";
        var grid = GridGeometry.Filters(1, 5, scale: 20, rowLabelLength: 4, title);
        Assert.Equal((grid.ImageWidth(3), grid.ImageHeight(2), 1), (png.Width, png.Height, png.Channels));
        Assert.Equal(title, PictureText.Read(png, GridGeometry.Margin, GridGeometry.Margin, title.Length));
        for (int c = 0; c < 2; c++)
        {
            for (int k = 0; k < 5; k++)
            {
                var (x, y) = grid.Pixel(2, c, 0, k, 19, 0);
                Assert.Equal(GridGeometry.Level(c * 5 + k, 0, 9), png.At(x, y));
            }
        }
    }

    [Theory]
    [InlineData("dense1", "shape [120, 400]")]
    [InlineData("pool1", "has no convolution weights")]
    [InlineData("conv9", "no layer named 'conv9'")]
    public void Layers_without_convolution_filters_are_refused_with_the_reason(string layer, string reason)
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<ArgumentException>(() => Visualize.Filters(new LeNet5(seed: 1), dir.File("x.png"), layer));
        Assert.Contains(reason, ex.Message);
        Assert.False(File.Exists(dir.File("x.png")));
    }

    [Fact]
    public void A_network_without_convolutions_is_refused()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<ArgumentException>(() => Visualize.Filters(new DenseOnly(seed: 1), dir.File("x.png")));
        Assert.Contains("no Conv1D or Conv2D layer", ex.Message);
    }

    /// <summary>The frame and every line between cells are white, the full length and height of the grid.</summary>
    internal static void AssertSeparators(DecodedPng png, GridGeometry grid, int columns, int rows)
    {
        int right = grid.GridLeft + columns * grid.CellWidth, bottom = grid.GridTop + rows * grid.CellHeight;
        for (int col = 0; col <= columns; col++)
        {
            for (int y = grid.GridTop; y <= bottom; y++) Assert.Equal(255, png.At(grid.GridLeft + col * grid.CellWidth, y));
        }
        for (int row = 0; row <= rows; row++)
        {
            for (int x = grid.GridLeft; x <= right; x++) Assert.Equal(255, png.At(x, grid.GridTop + row * grid.CellHeight));
        }
    }
}
