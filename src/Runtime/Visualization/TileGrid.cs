namespace CnnCompiler;

/// <summary>What a <see cref="TileGrid"/> writes around and between its tiles.</summary>
/// <param name="Title">One line above everything (the layer and what is drawn).</param>
/// <param name="ColumnLabels">One label per column, centred above it (filter numbers), or null.</param>
/// <param name="RowLabels">One label per row, left of it (input channels), or null.</param>
/// <param name="TileLabels">Whether each cell has a band above its tile for a label of its own (channel numbers).</param>
internal sealed record GridLabels(string Title, string[]? ColumnLabels = null, string[]? RowLabels = null, bool TileLabels = false);

/// <summary>
/// A labelled grid of equally sized tiles on white, each a small 8-bit image scaled up by a whole factor (nearest
/// neighbour) so that its longer side is at least <see cref="MinimumTileSide"/> pixels (less only where the image would
/// exceed <see cref="MaximumImageSide"/>), framed and separated by 1-pixel white lines. Text is drawn black with
/// <see cref="BitmapFont"/> at <see cref="TextScale"/>. Layout (see docs/visualization.md):
/// the title at (<see cref="Margin"/>, <see cref="Margin"/>); below it the column labels, if any; the grid below those,
/// right of the row labels, if any; with tile labels, each cell starts with a <see cref="TileLabelBand"/>-pixel band
/// holding its label, then the tile. Cells that are never drawn stay white.
/// </summary>
internal sealed class TileGrid
{
    /// <summary>The shortest longer side of a drawn tile, in pixels, unless the image would get too large.</summary>
    public const int MinimumTileSide = 96;

    /// <summary>The grid is kept within this many pixels on either side by a smaller scale (never below 1).</summary>
    public const int MaximumImageSide = 4096;

    /// <summary>Each font pixel is drawn as a square this many image pixels wide.</summary>
    public const int TextScale = 2;

    /// <summary>The height of a line of text, in image pixels.</summary>
    public const int TextHeight = BitmapFont.GlyphHeight * TextScale;

    /// <summary>White space around the picture and between text and grid.</summary>
    public const int Margin = 4;

    /// <summary>The band above each tile that holds its label: a line of text and 2 pixels.</summary>
    public const int TileLabelBand = TextHeight + 2;

    /// <summary>The value of the background, frame and separator lines (white).</summary>
    public const byte Background = 255;

    /// <summary>The value of text (black).</summary>
    public const byte Ink = 0;

    private readonly int _tileHeight;
    private readonly int _tileWidth;
    private readonly int _band;

    public TileGrid(int columns, int rows, int tileHeight, int tileWidth, int channels, GridLabels labels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.ColumnLabels is { } c && c.Length != columns) throw new ArgumentException($"{c.Length} column labels for {columns} columns.", nameof(labels));
        if (labels.RowLabels is { } r && r.Length != rows) throw new ArgumentException($"{r.Length} row labels for {rows} rows.", nameof(labels));
        _tileHeight = tileHeight;
        _tileWidth = tileWidth;
        _band = labels.TileLabels ? TileLabelBand : 0;
        Scale = ScaleFor(columns, rows, tileHeight, tileWidth, _band);

        int rowLabelWidth = labels.RowLabels is { } rowLabels ? rowLabels.Max(l => BitmapFont.Width(l, TextScale)) + Margin : 0;
        GridLeft = Margin + rowLabelWidth;
        GridTop = Margin + TextHeight + Margin + (labels.ColumnLabels is null ? 0 : TextHeight + Margin);
        int gridWidth = 1 + columns * CellWidth, gridHeight = 1 + rows * CellHeight;
        int width = Math.Max(GridLeft + gridWidth, Margin + BitmapFont.Width(labels.Title, TextScale)) + Margin;
        Image = new Raster(width, GridTop + gridHeight + Margin, channels);
        Image.Pixels.AsSpan().Fill(Background);

        BitmapFont.Draw(Image, Margin, Margin, labels.Title, TextScale, Ink);
        for (int column = 0; column < (labels.ColumnLabels?.Length ?? 0); column++)
        {
            string label = labels.ColumnLabels![column];
            int cellLeft = GridLeft + 1 + column * CellWidth, tileWidthPixels = CellWidth - 1;
            int left = cellLeft + Math.Max(0, (tileWidthPixels - BitmapFont.Width(label, TextScale)) / 2);
            BitmapFont.Draw(Image, left, GridTop - Margin - TextHeight, label, TextScale, Ink, cellLeft + tileWidthPixels);
        }
        for (int row = 0; row < (labels.RowLabels?.Length ?? 0); row++)
        {
            int top = GridTop + 1 + row * CellHeight + _band + Math.Max(0, (CellHeight - 1 - _band - TextHeight) / 2);
            BitmapFont.Draw(Image, Margin, top, labels.RowLabels![row], TextScale, Ink, GridLeft);
        }
    }

    /// <summary>How many pixels wide and high one tile value is drawn.</summary>
    public int Scale { get; }

    /// <summary>The top-left corner of the grid's frame.</summary>
    public int GridLeft { get; }

    /// <inheritdoc cref="GridLeft"/>
    public int GridTop { get; }

    /// <summary>A tile and the separator after it.</summary>
    public int CellWidth => _tileWidth * Scale + 1;

    /// <summary>A tile's label band, the tile and the separator after it.</summary>
    public int CellHeight => _band + _tileHeight * Scale + 1;

    /// <summary>The whole picture.</summary>
    public Raster Image { get; }

    /// <summary>
    /// The whole-number scale that brings a tile's longer side to at least <see cref="MinimumTileSide"/> pixels, lowered
    /// (down to 1) while the grid would be wider or higher than <see cref="MaximumImageSide"/>.
    /// </summary>
    public static int ScaleFor(int columns, int rows, int tileHeight, int tileWidth, int band = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileWidth);
        int longer = Math.Max(tileHeight, tileWidth);
        int scale = Math.Max(1, (MinimumTileSide + longer - 1) / longer);
        while (scale > 1 && (1L + columns * (tileWidth * (long)scale + 1) > MaximumImageSide || 1L + rows * (band + tileHeight * (long)scale + 1) > MaximumImageSide))
        {
            scale--;
        }
        return scale;
    }

    /// <summary>Draws <paramref name="tile"/> (tileHeight × tileWidth values, row-major) into one channel of a cell.</summary>
    public void Draw(int column, int row, int channel, ReadOnlySpan<byte> tile)
    {
        if (tile.Length != _tileHeight * _tileWidth)
        {
            throw new ArgumentException($"A tile has {_tileHeight}×{_tileWidth} = {_tileHeight * _tileWidth} values, not {tile.Length}.", nameof(tile));
        }
        int left = GridLeft + 1 + column * CellWidth;
        int top = GridTop + 1 + row * CellHeight + _band;
        for (int y = 0; y < _tileHeight * Scale; y++)
        {
            for (int x = 0; x < _tileWidth * Scale; x++)
            {
                Image.Set(left + x, top + y, channel, tile[y / Scale * _tileWidth + x / Scale]);
            }
        }
    }

    /// <summary>Writes a cell's label in its band, 2 pixels from the tile's left edge (needs <see cref="GridLabels.TileLabels"/>).</summary>
    public void Label(int column, int row, string label)
    {
        if (_band == 0) throw new InvalidOperationException("This grid has no tile labels.");
        int left = GridLeft + 1 + column * CellWidth;
        BitmapFont.Draw(Image, left + 2, GridTop + 1 + row * CellHeight, label, TextScale, Ink, left + CellWidth - 1);
    }
}
