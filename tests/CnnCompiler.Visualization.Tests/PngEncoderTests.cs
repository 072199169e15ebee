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
    public void Tile_grid_scales_tiles_to_at_least_96_pixels_unless_the_picture_would_exceed_4096()
    {
        Assert.Equal(20, TileGrid.ScaleFor(6, 1, 5, 5));    // LeNet-5 conv1: 100-pixel tiles (were 35)
        Assert.Equal(32, TileGrid.ScaleFor(4, 1, 3, 3));
        Assert.Equal(4, TileGrid.ScaleFor(3, 2, 28, 28));
        Assert.Equal(1, TileGrid.ScaleFor(1, 1, 1, 120));
        Assert.Equal(96, TileGrid.ScaleFor(1, 1, 1, 1));
        // 64 filters of 64 channels, 3×3 (a ResNet layer): 32 would make 6,209 pixels; 20 is the largest scale that fits.
        Assert.Equal(20, TileGrid.ScaleFor(64, 64, 3, 3));
        Assert.True(1 + 64 * (3 * 20 + 1) <= 4096 && 1 + 64 * (3 * 21 + 1) > 4096);
        Assert.Equal(1, TileGrid.ScaleFor(5000, 1, 1, 1)); // never below 1, even when it does not fit
    }

    [Fact]
    public void The_bitmap_font_has_a_distinct_glyph_for_every_character_it_draws()
    {
        char[] characters = [.. BitmapFont.Characters];
        foreach (char c in "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.:,()×- ") Assert.Contains(c, characters);
        string Pattern(char c) => string.Concat(Enumerable.Range(0, 35).Select(i => BitmapFont.IsSet(c, i % 5, i / 5) ? '#' : '.'));
        Assert.Equal(characters.Length, characters.Select(Pattern).Distinct().Count());
        Assert.All(characters.Where(c => c != ' '), c => Assert.Contains('#', Pattern(c)));
        Assert.DoesNotContain('#', Pattern(' '));

        // Unknown characters are drawn as '?'; text that does not fit is cut at a whole character.
        var image = new Raster(40, 14, 1);
        image.Pixels.AsSpan().Fill(255);
        BitmapFont.Draw(image, 0, 0, "é€abc", 2, 0, right: 36);
        var expected = new Raster(40, 14, 1);
        expected.Pixels.AsSpan().Fill(255);
        BitmapFont.Draw(expected, 0, 0, "??a", 2, 0);
        Assert.Equal(expected.Pixels, image.Pixels);
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
