using System.Buffers.Binary;
using System.IO.Compression;

namespace CnnCompiler;

/// <summary>
/// Reads IDX files (the MNIST family's format), raw or gzip-compressed. Gzip is recognised by its
/// 1F 8B magic rather than by the file name, and every length is checked: a truncated payload,
/// trailing bytes or a corrupt gzip stream is an <see cref="InvalidDataException"/> naming the file.
/// </summary>
public static class IdxReader
{
    /// <summary>The largest rank accepted; MNIST-style files use 1 (labels) or 3 (images).</summary>
    public const int MaxRank = 4;

    /// <summary>Reads the IDX file at <paramref name="path"/>.</summary>
    public static IdxArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return Read(file, path);
    }

    /// <summary>Reads one IDX array from <paramref name="stream"/> up to its end; <paramref name="sourceName"/> labels error messages.</summary>
    public static IdxArray Read(Stream stream, string sourceName = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        Stream seekable = stream.CanSeek ? stream : CopyToMemory(stream);
        long start = seekable.Position;
        Span<byte> magic = stackalloc byte[2];
        int magicLength = seekable.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        seekable.Position = start;
        if (magicLength == 2 && magic[0] == 0x1F && magic[1] == 0x8B)
        {
            using var gzip = new GZipStream(seekable, CompressionMode.Decompress, leaveOpen: true);
            return ReadDecoded(gzip, sourceName, compressed: true);
        }
        return ReadDecoded(seekable, sourceName, compressed: false);
    }

    private static MemoryStream CopyToMemory(Stream stream)
    {
        var memory = new MemoryStream();
        stream.CopyTo(memory);
        memory.Position = 0;
        return memory;
    }

    private static IdxArray ReadDecoded(Stream input, string source, bool compressed)
    {
        Span<byte> magic = stackalloc byte[4];
        int read = ReadFully(input, magic, source, compressed);
        if (read < 4)
            throw new InvalidDataException($"{source}: expected a 4-byte IDX magic number, found only {read} bytes.");
        if (magic[0] != 0 || magic[1] != 0)
            throw new InvalidDataException(
                $"{source}: not an IDX file: the magic number must start with two zero bytes, found 0x{magic[0]:X2} 0x{magic[1]:X2}.");
        if (!IdxElementTypes.IsDefined(magic[2]))
            throw new InvalidDataException(
                $"{source}: unknown IDX element type code 0x{magic[2]:X2}; expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E.");
        var type = (IdxElementType)magic[2];
        int rank = magic[3];
        if (rank < 1 || rank > MaxRank)
            throw new InvalidDataException($"{source}: IDX rank must be between 1 and {MaxRank}; found {rank}.");

        int headerLength = 4 + 4 * rank;
        Span<byte> dimensionBytes = stackalloc byte[4 * rank];
        read = ReadFully(input, dimensionBytes, source, compressed);
        if (read < dimensionBytes.Length)
            throw new InvalidDataException(
                $"{source}: expected a {headerLength}-byte header for rank {rank}, found only {4 + read} bytes.");
        var dimensions = new int[rank];
        long payloadLength = type.SizeInBytes();
        for (int i = 0; i < rank; i++)
        {
            uint dimension = BinaryPrimitives.ReadUInt32BigEndian(dimensionBytes[(4 * i)..]);
            if (dimension == 0 || dimension > int.MaxValue)
                throw new InvalidDataException($"{source}: dimension {i} must be between 1 and {ShapeText.Count(int.MaxValue)}; found {ShapeText.Count(dimension)}.");
            dimensions[i] = (int)dimension;
            payloadLength *= dimension;
            if (payloadLength > Array.MaxLength)
                throw new InvalidDataException(
                    $"{source}: dimensions {ShapeText.Format(dimensions.AsSpan(0, i + 1))} of {type.DisplayName()} exceed the {ShapeText.Count(Array.MaxLength)}-byte limit of one array.");
        }

        var data = new byte[payloadLength];
        read = ReadFully(input, data, source, compressed);
        if (read < data.Length)
            throw new InvalidDataException(
                $"{source}: expected {ShapeText.Count(payloadLength)} bytes of data ({ShapeText.Format(dimensions)} {type.DisplayName()}) " +
                $"after the {headerLength}-byte header, found {ShapeText.Count(read)}.");
        long trailing = CountRemaining(input, source, compressed);
        if (trailing > 0)
            throw new InvalidDataException(
                $"{source}: found {ShapeText.Count(trailing)} trailing bytes after the {ShapeText.Count(payloadLength)} bytes of data " +
                $"({ShapeText.Format(dimensions)} {type.DisplayName()}) that the header declares.");
        return new IdxArray(type, dimensions, data);
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the input ends; returns the bytes read.</summary>
    private static int ReadFully(Stream input, Span<byte> buffer, string source, bool compressed)
    {
        try
        {
            return input.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException ex) when (compressed)
        {
            throw CorruptGzip(source, ex);
        }
    }

    private static long CountRemaining(Stream input, string source, bool compressed)
    {
        Span<byte> scratch = stackalloc byte[4096];
        long total = 0;
        int read;
        while ((read = ReadFully(input, scratch, source, compressed)) > 0) total += read;
        return total;
    }

    // GZipStream reports damaged data as InvalidDataException without saying which file it was reading.
    private static InvalidDataException CorruptGzip(string source, Exception inner) =>
        new($"{source}: the gzip stream is corrupt: {inner.Message}", inner);
}
