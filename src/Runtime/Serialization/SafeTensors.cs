using System.Buffers.Binary;

namespace CnnCompiler;

/// <summary>
/// Reads the safetensors format (Hugging Face's, as <c>safetensors.torch.save_file</c> writes it): an 8-byte
/// little-endian header length, a JSON header <c>{name: {dtype, shape, data_offsets}, "__metadata__": {string: string}}</c>,
/// then the tensors' raw little-endian bytes. Write with <see cref="SafeTensorsWriter"/>.
/// </summary>
public static class SafeTensors
{
    /// <summary>The metadata key under which CnnCompiler records the lower-case hex SHA-256 of the data section.</summary>
    public const string ChecksumKey = "cnncompiler.sha256";

    /// <summary>The largest header the reference implementation accepts (100 MB); longer ones mark a corrupt file.</summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>
    /// Reads and checks the file at <paramref name="path"/>: an <see cref="InvalidDataException"/> naming the file for a
    /// truncated, malformed or (when it carries a <see cref="ChecksumKey"/>) corrupted one.
    /// </summary>
    public static SafeTensorsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return Read(stream, path);
    }

    /// <summary>Reads a safetensors file from <paramref name="stream"/> up to its end; <paramref name="source"/> names it in errors.</summary>
    public static SafeTensorsFile Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        Span<byte> prefix = stackalloc byte[8];
        int got = stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false);
        if (got < 8) throw SafeTensorsHeader.Corrupt(source, $"the file is truncated: it has {got} bytes, fewer than the 8 of the header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderLength)
            throw SafeTensorsHeader.Corrupt(source, $"the header length is {headerLength} bytes, more than the format's limit of {MaxHeaderLength}");
        var header = new byte[headerLength];
        got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < header.Length)
            throw SafeTensorsHeader.Corrupt(source, $"the file is truncated: the header should have {headerLength} bytes but only {got} follow the length");
        if (header.Length == 0 || header[0] != (byte)'{')
            throw SafeTensorsHeader.Corrupt(source, "the header does not begin with '{'");

        byte[] data = ReadToEnd(stream, source);
        var (tensors, metadata) = SafeTensorsHeader.Parse(header, data.Length, source);
        if (metadata.TryGetValue(ChecksumKey, out string? recorded))
        {
            string actual = DataChecksum.Compute(data);
            if (!string.Equals(recorded, actual, StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException(
                    $"{source} is corrupt: the SHA-256 of its data section is {actual} but its metadata records {recorded}.");
        }
        return new SafeTensorsFile(source, tensors, metadata, data);
    }

    private static byte[] ReadToEnd(Stream stream, string source)
    {
        if (stream.CanSeek)
        {
            long remaining = stream.Length - stream.Position;
            if (remaining > Array.MaxLength)
                throw new InvalidDataException($"{source}: the data section of {remaining} bytes is too large to read into memory.");
            var data = new byte[remaining];
            stream.ReadExactly(data);
            return data;
        }
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
