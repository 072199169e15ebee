namespace CnnCompiler.Visualization.Tests.Support;

/// <summary>A decoded 8-bit PNG: gray (1 channel), RGB (3) or RGBA (4), row-major, channels interleaved.</summary>
public sealed record DecodedPng(int Width, int Height, int Channels, byte[] Pixels)
{
    public byte At(int x, int y, int channel = 0) => Pixels[(y * Width + x) * Channels + channel];
}
