namespace CnnCompiler;

/// <summary>
/// A grid of equally sized tiles, each a small 8-bit image scaled up by a whole factor (nearest neighbour) so that its
/// longer side is at least <see cref="MinimumTileSide"/> pixels, framed and separated by 1-pixel white lines.
/// Cells that are never drawn stay white.
/// </summary>
internal sealed class TileGrid
{
    /// <summary>The shortest longer side of a drawn tile, in pixels.</summary>
    public const int MinimumTileSide = 32;

    /// <summary>The value of the separator lines (white).</summary>
    public const byte Separator = 255;

    private readonly int _tileHeight;
    private readonly int _tileWidth;

    public TileGrid(int columns, int rows, int tileHeight, int tileWidth, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        _tileHeight = tileHeight;
        _tileWidth = tileWidth;
        Scale = ScaleFor(tileHeight, tileWidth);
        Image = new Raster(1 + columns * (tileWidth * Scale + 1), 1 + rows * (tileHeight * Scale + 1), channels);
        Image.Pixels.AsSpan().Fill(Separator);
    }

    /// <summary>How many pixels wide and high one tile value is drawn.</summary>
    public int Scale { get; }

    /// <summary>The whole grid.</summary>
    public Raster Image { get; }

    /// <summary>The whole-number scale that brings a tile's longer side to at least <see cref="MinimumTileSide"/> pixels.</summary>
    public static int ScaleFor(int tileHeight, int tileWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileWidth);
        int longer = Math.Max(tileHeight, tileWidth);
        return Math.Max(1, (MinimumTileSide + longer - 1) / longer);
    }

    /// <summary>Draws <paramref name="tile"/> (tileHeight × tileWidth values, row-major) into one channel of a cell.</summary>
    public void Draw(int column, int row, int channel, ReadOnlySpan<byte> tile)
    {
        if (tile.Length != _tileHeight * _tileWidth)
        {
            throw new ArgumentException($"A tile has {_tileHeight}×{_tileWidth} = {_tileHeight * _tileWidth} values, not {tile.Length}.", nameof(tile));
        }
        int left = 1 + column * (_tileWidth * Scale + 1);
        int top = 1 + row * (_tileHeight * Scale + 1);
        for (int y = 0; y < _tileHeight * Scale; y++)
        {
            for (int x = 0; x < _tileWidth * Scale; x++)
            {
                Image.Set(left + x, top + y, channel, tile[y / Scale * _tileWidth + x / Scale]);
            }
        }
    }
}
