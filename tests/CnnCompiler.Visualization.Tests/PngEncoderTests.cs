using System.Text;
using CnnCompiler.Visualization.Tests.Support;

namespace CnnCompiler.Visualization.Tests;

public class PngEncoderTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_values()
    {
        Assert.Equal(0xCBF43926u, Crc32.Append(0, Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0xAE426082u, Crc32.Append(0, Encoding.ASCII.GetBytes("IEND")));
        Assert.Equal(0xCBF43926u, Crc32.Append(Crc32.Append(0, "1234"u8), "56789"u8));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 3, 1)]
    [InlineData(5, 9, 3)]
    [InlineData(300, 2, 3)]
    public void Round_trips_every_pixel(int width, int height, int channels)
    {
        var image = new Raster(width, height, channels);
        new Random(width * 31 + height).NextBytes(image.Pixels);

        using var stream = new MemoryStream();
        PngEncoder.Write(image, stream);
        DecodedPng decoded = PngDecoder.Read(stream.ToArray());

        Assert.Equal((width, height, channels), (decoded.Width, decoded.Height, decoded.Channels));
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Fact]
    public void Writes_signature_header_data_and_end_chunks_in_order()
    {
        using var stream = new MemoryStream();
        PngEncoder.Write(new Raster(2, 2, 1), stream);
        byte[] png = stream.ToArray();

        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal("IDAT", Encoding.ASCII.GetString(png, 8 + 25 + 4, 4));
        Assert.Equal("IEND", Encoding.ASCII.GetString(png, png.Length - 8, 4));
        Assert.Equal(0, png[8 + 8 + 9]); // colour type 0: gray
    }

    [Fact]
    public void Tile_grid_scales_tiles_to_at_least_32_pixels()
    {
        Assert.Equal(7, TileGrid.ScaleFor(5, 5));
        Assert.Equal(11, TileGrid.ScaleFor(3, 3));
        Assert.Equal(2, TileGrid.ScaleFor(28, 28));
        Assert.Equal(1, TileGrid.ScaleFor(1, 120));
        Assert.Equal(32, TileGrid.ScaleFor(1, 1));
    }

    [Fact]
    public void Normalization_maps_min_to_0_max_to_255_and_leaves_non_finite_values_out()
    {
        var levels = new byte[5];
        Intensity.Normalize([-1f, 0f, 3f, float.NaN, float.PositiveInfinity], levels, constant: 9);
        Assert.Equal(new byte[] { 0, 64, 255, 0, 0 }, levels);

        Intensity.Normalize([2f, 2f, float.NaN, 2f, 2f], levels, constant: 9);
        Assert.Equal(new byte[] { 9, 9, 9, 9, 9 }, levels);
    }
}
