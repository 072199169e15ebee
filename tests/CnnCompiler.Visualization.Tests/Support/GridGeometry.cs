namespace CnnCompiler.Visualization.Tests.Support;

/// <summary>Where tiles are in a grid image, computed independently of the code under test: 1-pixel frame and separators.</summary>
public sealed record GridGeometry(int TileHeight, int TileWidth, int Scale)
{
    public int CellWidth => TileWidth * Scale + 1;

    public int CellHeight => TileHeight * Scale + 1;

    public int ImageWidth(int columns) => 1 + columns * CellWidth;

    public int ImageHeight(int rows) => 1 + rows * CellHeight;

    /// <summary>The image pixel of tile value (<paramref name="ty"/>, <paramref name="tx"/>), sub-pixel (<paramref name="sy"/>, <paramref name="sx"/>) of its scaled block.</summary>
    public (int X, int Y) Pixel(int column, int row, int ty, int tx, int sy = 0, int sx = 0) =>
        (1 + column * CellWidth + tx * Scale + sx, 1 + row * CellHeight + ty * Scale + sy);

    /// <summary>The gray level the documentation promises for a value between min and max.</summary>
    public static byte Level(double value, double min, double max) => (byte)Math.Round((value - min) * 255.0 / (max - min));

    /// <summary>The documented levels of values normalized together: their minimum is 0, their maximum 255.</summary>
    public static byte[] Levels(ReadOnlySpan<float> values)
    {
        float min = float.MaxValue, max = float.MinValue;
        foreach (float v in values) (min, max) = (Math.Min(min, v), Math.Max(max, v));
        var levels = new byte[values.Length];
        for (int i = 0; i < values.Length; i++) levels[i] = Level(values[i], min, max);
        return levels;
    }
}
