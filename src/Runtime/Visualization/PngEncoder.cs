using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CnnCompiler;

/// <summary>
/// Writes a <see cref="Raster"/> as a PNG: 8-bit gray or RGB, not interlaced, every row with filter 0 (none), the
/// pixels in one zlib-compressed IDAT chunk. No native library is needed.
/// </summary>
internal static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Writes <paramref name="image"/> to the file at <paramref name="path"/>, replacing it atomically: a failed write
    /// leaves no partial PNG and the previous file as it was.
    /// </summary>
    public static void Save(Raster image, string path) => AtomicFile.Write(path, stream => Write(image, stream));

    /// <summary>Writes <paramref name="image"/> as PNG bytes to <paramref name="output"/>.</summary>
    public static void Write(Raster image, Stream output)
    {
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], image.Height);
        header[8] = 8;                                    // bits per channel
        header[9] = (byte)(image.Channels == 1 ? 0 : 2);  // colour type: gray or RGB
        header[10] = 0;                                   // deflate
        header[11] = 0;                                   // adaptive filtering (every row uses filter 0)
        header[12] = 0;                                   // not interlaced
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "IDAT", Compress(image));
        WriteChunk(output, "IEND", []);
    }

    private static byte[] Compress(Raster image)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int y = 0; y < image.Height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(image.Row(y));
            }
        }
        return compressed.ToArray();
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);

        Span<byte> typeBytes = stackalloc byte[4];
        Encoding.ASCII.GetBytes(type, typeBytes);
        output.Write(typeBytes);
        output.Write(data);

        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Append(Crc32.Append(0, typeBytes), data));
        output.Write(crc);
    }
}
