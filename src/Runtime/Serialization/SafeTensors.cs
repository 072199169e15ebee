using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CnnCompiler;

/// <summary>
/// Reads the safetensors format (Hugging Face's, as <c>safetensors.torch.save_file</c> writes it): an 8-byte
/// little-endian header length, a JSON header <c>{name: {dtype, shape, data_offsets}, "__metadata__": {string: string}}</c>,
/// then the tensors' raw little-endian bytes. Write with <see cref="SafeTensorsWriter"/>.
/// <para>
/// Files CnnCompiler writes carry a SHA-256 of their header and data (<see cref="ChecksumKey"/>); files of other tools
/// (PyTorch's) carry none and are read without one. A file is CnnCompiler's when a metadata key begins with
/// <c>cnncompiler</c>; such a file without its checksum is refused as damaged. Memory is bounded by what the file
/// really holds: a header or data section longer than the file is refused before anything is allocated for it.
/// </para>
/// </summary>
public static class SafeTensors
{
    /// <summary>
    /// The metadata key under which CnnCompiler records the lower-case hex SHA-256 of the file: its canonical header
    /// (every metadata entry but this one, every tensor's name, dtype, shape and offsets) followed by its data section.
    /// </summary>
    public const string ChecksumKey = "cnncompiler.sha256";

    /// <summary>
    /// The metadata key that says what <see cref="ChecksumKey"/> covers, <see cref="ChecksumScope"/>. Files written before
    /// the checksum covered the header lack it; their checksum is checked as the SHA-256 of the data section alone.
    /// </summary>
    public const string ChecksumScopeKey = "cnncompiler.sha256_scope";

    /// <summary>The value of <see cref="ChecksumScopeKey"/>: the checksum covers the header and the data.</summary>
    public const string ChecksumScope = "header+data";

    /// <summary>The largest header the reference implementation accepts (100 MB); longer ones mark a corrupt file.</summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>
    /// Reads and checks the file at <paramref name="path"/>: an <see cref="InvalidDataException"/> naming the file for a
    /// truncated, malformed or corrupted one, or for a path that is empty or not a regular file (a FIFO or device).
    /// </summary>
    public static SafeTensorsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = RegularFile.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a safetensors file from <paramref name="stream"/> up to its end; <paramref name="source"/> names it in errors.</summary>
    public static SafeTensorsFile Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        Stream seekable = Seekable(stream);
        byte[] header = ReadHeader(seekable, source);
        long dataLength = Remaining(seekable, source);
        var (tensors, metadata) = SafeTensorsHeader.Parse(header, dataLength, source);
        SafeTensorsChecksum.Scope scope = SafeTensorsChecksum.ScopeOf(metadata, source);
        var data = new byte[dataLength];
        ReadExactly(seekable, data, source);
        if (scope != SafeTensorsChecksum.Scope.None)
        {
            using IncrementalHash hash = SafeTensorsChecksum.Begin(scope, metadata, tensors);
            hash.AppendData(data);
            SafeTensorsChecksum.Check(hash, scope, metadata, source);
        }
        return new SafeTensorsFile(source, tensors, metadata, data);
    }

    /// <summary>
    /// The checks of <see cref="Read(string)"/> (header length, header, tensor sizes against the data section, the
    /// recorded checksum) without keeping the data in memory: it is hashed as it streams past. Throws what
    /// <see cref="Read(string)"/> throws for the same file.
    /// </summary>
    internal static void Verify(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = RegularFile.OpenRead(path);
        byte[] header = ReadHeader(stream, path);
        long dataLength = Remaining(stream, path);
        var (tensors, metadata) = SafeTensorsHeader.Parse(header, dataLength, path);
        SafeTensorsChecksum.Scope scope = SafeTensorsChecksum.ScopeOf(metadata, path);
        if (scope == SafeTensorsChecksum.Scope.None) return;
        using IncrementalHash hash = SafeTensorsChecksum.Begin(scope, metadata, tensors);
        var buffer = new byte[1 << 16];
        for (long left = dataLength; left > 0;)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) throw SafeTensorsHeader.Corrupt(path, "the file is truncated: it ended while its data was read");
            hash.AppendData(buffer, 0, read);
            left -= read;
        }
        SafeTensorsChecksum.Check(hash, scope, metadata, path);
    }

    /// <summary>Reads the 8-byte length and the header it announces, checking both against the bytes the stream holds.</summary>
    private static byte[] ReadHeader(Stream stream, string source)
    {
        long available = stream.Length - stream.Position;
        if (available < 8) throw SafeTensorsHeader.Corrupt(source, $"the file is truncated: it has {available} bytes, fewer than the 8 of the header length");
        Span<byte> prefix = stackalloc byte[8];
        ReadExactly(stream, prefix, source);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderLength)
            throw SafeTensorsHeader.Corrupt(source, $"the header length is {headerLength} bytes, more than the format's limit of {MaxHeaderLength}");
        if ((long)headerLength > available - 8)
            throw SafeTensorsHeader.Corrupt(source, $"the file is truncated: the header should have {headerLength} bytes but only {available - 8} follow the length");
        var header = new byte[headerLength];
        ReadExactly(stream, header, source);
        if (header.Length == 0 || header[0] != (byte)'{')
            throw SafeTensorsHeader.Corrupt(source, "the header does not begin with '{'");
        return header;
    }

    // The length was checked against the stream's; a file cut while it is read (by another process) is still a truncated file.
    private static void ReadExactly(Stream stream, Span<byte> buffer, string source)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
            throw SafeTensorsHeader.Corrupt(source, "the file is truncated: it ended while it was read");
    }

    private static long Remaining(Stream stream, string source)
    {
        long remaining = stream.Length - stream.Position;
        if (remaining > Array.MaxLength) throw new InvalidDataException($"{source}: the data section of {remaining} bytes is too large to read into memory.");
        return remaining;
    }

    /// <summary>The stream itself when it can seek; otherwise its content copied into memory (as much as it really holds).</summary>
    private static Stream Seekable(Stream stream)
    {
        if (stream.CanSeek) return stream;
        var memory = new MemoryStream();
        stream.CopyTo(memory);
        memory.Position = 0;
        return memory;
    }
}
