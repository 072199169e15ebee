using System.Buffers.Binary;

namespace CnnCompiler;

/// <summary>
/// Reads IDX files (the MNIST family's format), raw or gzip-compressed. Gzip is recognised by its 1F 8B magic rather
/// than by the file name, and every length is checked: a truncated payload, trailing bytes, a corrupt gzip stream, a
/// gzip member without its CRC-32/size trailer or anything after the last member is an <see cref="InvalidDataException"/>
/// naming the file. Memory follows the bytes really there, not what a header claims: a raw payload longer than the file
/// is refused before it is allocated, and a gzipped one grows with the data as it decompresses.
/// </summary>
public static class IdxReader
{
    /// <summary>The largest rank accepted; MNIST-style files use 1 (labels) or 3 (images).</summary>
    public const int MaxRank = 4;

    // Decompressed bytes after the payload are counted up to this many, so that a gzip bomb of trailing data costs no more.
    private const long MaxTrailingCounted = 1 << 24;

    /// <summary>Reads the IDX file at <paramref name="path"/>; a path that is empty or not a regular file (a FIFO) is an <see cref="InvalidDataException"/>.</summary>
    public static IdxArray Read(string path) => Read(path, layout: null);

    /// <summary>Reads one IDX array from <paramref name="stream"/> up to its end; <paramref name="sourceName"/> labels error messages.</summary>
    public static IdxArray Read(Stream stream, string sourceName = "stream") => Read(stream, sourceName, layout: null);

    /// <summary>Reads a file that must have <paramref name="layout"/>, checked against its header before any data is read.</summary>
    internal static IdxArray Read(string path, IdxLayout? layout)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream file = RegularFile.OpenRead(path);
        return Read(file, path, layout);
    }

    private static IdxArray Read(Stream stream, string source, IdxLayout? layout)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Stream seekable = stream.CanSeek ? stream : CopyToMemory(stream);
        long start = seekable.Position;
        Span<byte> magic = stackalloc byte[2];
        int magicLength = seekable.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        seekable.Position = start;
        if (magicLength == 2 && magic[0] == 0x1F && magic[1] == 0x8B)
        {
            using var gzip = new CheckedGzipStream(seekable);
            return ReadDecoded(gzip, source, layout, rawLength: null);
        }
        return ReadDecoded(seekable, source, layout, rawLength: seekable.Length - start);
    }

    private static MemoryStream CopyToMemory(Stream stream)
    {
        var memory = new MemoryStream();
        stream.CopyTo(memory);
        memory.Position = 0;
        return memory;
    }

    // rawLength: the bytes of an uncompressed input; null for gzip, whose length is known only once decompressed.
    private static IdxArray ReadDecoded(Stream input, string source, IdxLayout? layout, long? rawLength)
    {
        Span<byte> magic = stackalloc byte[4];
        int read = ReadFully(input, magic, source);
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
        read = ReadFully(input, dimensionBytes, source);
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
        layout?.Check(type, dimensions, source);

        string declared = $"{ShapeText.Format(dimensions)} {type.DisplayName()}";
        byte[] data;
        long trailing;
        if (rawLength is { } length)
        {
            long available = length - headerLength;
            if (available < payloadLength) throw Short(source, payloadLength, declared, headerLength, available);
            data = new byte[payloadLength];
            // The length was checked against the file's; a file cut while it is read is still reported as short.
            int got = ReadFully(input, data, source);
            if (got < payloadLength) throw Short(source, payloadLength, declared, headerLength, got);
            trailing = available - payloadLength;
        }
        else
        {
            var gzip = (CheckedGzipStream)input;
            data = ReadGrowing(gzip, payloadLength, source, out long got);
            if (got < payloadLength) throw Short(source, payloadLength, declared, headerLength, got);
            trailing = CountRemaining(gzip, source);
            if (trailing == 0) RequireComplete(gzip, source);
        }
        if (trailing > 0)
            throw new InvalidDataException(
                $"{source}: found {(trailing > MaxTrailingCounted ? "more than " + ShapeText.Count(MaxTrailingCounted) : ShapeText.Count(trailing))} " +
                $"trailing bytes after the {ShapeText.Count(payloadLength)} bytes of data ({declared}) that the header declares.");
        return new IdxArray(type, dimensions, data);
    }

    private static InvalidDataException Short(string source, long expected, string declared, int headerLength, long found) =>
        new($"{source}: expected {ShapeText.Count(expected)} bytes of data ({declared}) after the {headerLength}-byte header, found {ShapeText.Count(found)}.");

    /// <summary>
    /// Reads up to <paramref name="length"/> decompressed bytes: first into a buffer of what the compressed size can
    /// plausibly hold (at most four times it, at least 1 MB), then, if more keeps coming, into 1 MB chunks joined only
    /// once all of it has come. So a header claiming gigabytes over a little data allocates about what the data is;
    /// returns the bytes (exactly <paramref name="length"/> of them when all came) and how many came.
    /// </summary>
    private static byte[] ReadGrowing(CheckedGzipStream input, long length, string source, out long got)
    {
        const int ChunkLength = 1 << 20;
        var first = new byte[Math.Min(length, Math.Max(ChunkLength, 4 * input.CompressedLength))];
        got = ReadFully(input, first, source);
        if (got < first.Length || first.Length == length) return first;
        var chunks = new List<byte[]>();
        while (got < length)
        {
            var chunk = new byte[Math.Min(ChunkLength, length - got)];
            int read = ReadFully(input, chunk, source);
            got += read;
            chunks.Add(chunk);
            if (read < chunk.Length) return first;
        }
        var all = new byte[length];
        first.CopyTo(all, 0);
        long position = first.Length;
        foreach (byte[] chunk in chunks)
        {
            chunk.CopyTo(all, position);
            position += chunk.Length;
        }
        return all;
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the input ends; returns the bytes read.</summary>
    private static int ReadFully(Stream input, Span<byte> buffer, string source)
    {
        try
        {
            return input.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException ex) when (input is CheckedGzipStream)
        {
            throw CorruptGzip(source, ex);
        }
    }

    private static long CountRemaining(Stream input, string source)
    {
        Span<byte> scratch = stackalloc byte[4096];
        long total = 0;
        int read;
        while (total <= MaxTrailingCounted && (read = ReadFully(input, scratch, source)) > 0) total += read;
        return total;
    }

    private static void RequireComplete(CheckedGzipStream input, string source)
    {
        try
        {
            input.RequireComplete();
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{source}: {ex.Message}", ex);
        }
    }

    // GZipStream and the member checks report damaged data as InvalidDataException without saying which file it was.
    private static InvalidDataException CorruptGzip(string source, Exception inner) =>
        new($"{source}: the gzip stream is corrupt: {inner.Message}", inner);
}
