using System.Buffers.Binary;
using System.Security.Cryptography;

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
        byte[] header = ReadHeader(stream, source);
        byte[] data = ReadToEnd(stream, source);
        var (tensors, metadata) = SafeTensorsHeader.Parse(header, data.Length, source);
        if (metadata.TryGetValue(ChecksumKey, out string? recorded)) CheckChecksum(recorded, DataChecksum.Compute(data), source);
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
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        byte[] header = ReadHeader(stream, path);
        long dataLength = stream.Length - stream.Position;
        if (dataLength > Array.MaxLength) throw TooLarge(path, dataLength);
        var (_, metadata) = SafeTensorsHeader.Parse(header, dataLength, path);
        if (!metadata.TryGetValue(ChecksumKey, out string? recorded)) return;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer)) > 0) hash.AppendData(buffer, 0, read);
        CheckChecksum(recorded, Convert.ToHexStringLower(hash.GetHashAndReset()), path);
    }

    /// <summary>Reads the 8-byte length and the header it announces, checking both.</summary>
    private static byte[] ReadHeader(Stream stream, string source)
    {
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
        return header;
    }

    private static void CheckChecksum(string recorded, string actual, string source)
    {
        if (!string.Equals(recorded, actual, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{source} is corrupt: the SHA-256 of its data section is {actual} but its metadata records {recorded}.");
    }

    private static InvalidDataException TooLarge(string source, long length) =>
        new($"{source}: the data section of {length} bytes is too large to read into memory.");

    private static byte[] ReadToEnd(Stream stream, string source)
    {
        if (stream.CanSeek)
        {
            long remaining = stream.Length - stream.Position;
            if (remaining > Array.MaxLength) throw TooLarge(source, remaining);
            var data = new byte[remaining];
            stream.ReadExactly(data);
            return data;
        }
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
