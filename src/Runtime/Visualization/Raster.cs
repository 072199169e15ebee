namespace CnnCompiler;

/// <summary>An 8-bit image in memory: gray (1 channel) or RGB (3 channels), row-major, channels interleaved.</summary>
internal sealed class Raster
{
    public Raster(int width, int height, int channels)
    {
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, "1 (gray) or 3 (RGB)");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = new byte[checked(width * height * channels)];
    }

    public int Width { get; }

    public int Height { get; }

    public int Channels { get; }

    /// <summary>Row after row, each <see cref="Width"/> × <see cref="Channels"/> bytes.</summary>
    public byte[] Pixels { get; }

    /// <summary>The bytes of row <paramref name="y"/>.</summary>
    public Span<byte> Row(int y) => Pixels.AsSpan(y * Width * Channels, Width * Channels);

    /// <summary>Sets one channel of one pixel.</summary>
    public void Set(int x, int y, int channel, byte value) => Pixels[(y * Width + x) * Channels + channel] = value;
}
