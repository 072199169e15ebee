namespace CnnCompiler.Visualization.Tests.Support;

/// <summary>
/// Where tiles and labels are in a grid picture, computed from docs/visualization.md independently of the code under
/// test: 4-pixel margins, text 14 pixels high and 12 per character, a 1-pixel frame and separators; for filters a title
/// line and a line of column labels above the grid and row labels left of it, for feature maps a title line above the
/// grid and a 16-pixel label band above each tile.
/// </summary>
public sealed record GridGeometry(int TileHeight, int TileWidth, int Scale, int GridLeft, int GridTop, int Band, int TitleLength)
{
    public const int Margin = 4, TextHeight = 14, CharacterWidth = 12;

    /// <summary>A filter grid whose row labels are at most <paramref name="rowLabelLength"/> characters.</summary>
    public static GridGeometry Filters(int tileHeight, int tileWidth, int scale, int rowLabelLength, string title) =>
        new(tileHeight, tileWidth, scale, Margin + rowLabelLength * CharacterWidth + Margin, Margin + TextHeight + Margin + TextHeight + Margin, 0, title.Length);

    public static GridGeometry FeatureMaps(int tileHeight, int tileWidth, int scale, string title) =>
        new(tileHeight, tileWidth, scale, Margin, Margin + TextHeight + Margin, TextHeight + 2, title.Length);

    public int CellWidth => TileWidth * Scale + 1;

    public int CellHeight => Band + TileHeight * Scale + 1;

    public int ImageWidth(int columns) => Math.Max(GridLeft + 1 + columns * CellWidth, Margin + TitleLength * CharacterWidth) + Margin;

    public int ImageHeight(int rows) => GridTop + 1 + rows * CellHeight + Margin;

    /// <summary>The top-left pixel of a cell's tile.</summary>
    public (int X, int Y) Tile(int column, int row) => (GridLeft + 1 + column * CellWidth, GridTop + 1 + row * CellHeight + Band);

    /// <summary>The image pixel of tile value (<paramref name="ty"/>, <paramref name="tx"/>), sub-pixel (<paramref name="sy"/>, <paramref name="sx"/>) of its scaled block.</summary>
    public (int X, int Y) Pixel(int column, int row, int ty, int tx, int sy = 0, int sx = 0)
    {
        var (x, y) = Tile(column, row);
        return (x + tx * Scale + sx, y + ty * Scale + sy);
    }

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
