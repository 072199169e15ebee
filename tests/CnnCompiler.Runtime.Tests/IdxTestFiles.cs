using System.Buffers.Binary;
using System.IO.Compression;

namespace CnnCompiler.Runtime.Tests;

/// <summary>Builds IDX files in memory, independently of the reader under test.</summary>
internal static class IdxTestFiles
{
    /// <summary>Header (two zero bytes, type code, rank, big-endian dimensions) followed by <paramref name="payload"/>.</summary>
    public static byte[] Build(byte typeCode, int[] dimensions, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + payload.Length];
        bytes[2] = typeCode;
        bytes[3] = (byte)dimensions.Length;
        for (int i = 0; i < dimensions.Length; i++)
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dimensions[i]);
        payload.CopyTo(bytes.AsSpan(4 + 4 * dimensions.Length));
        return bytes;
    }

    /// <summary>An unsigned-byte IDX file whose payload is 0, 1, 2, … (mod 256).</summary>
    public static byte[] CountingBytes(params int[] dimensions)
    {
        int length = 1;
        foreach (int d in dimensions) length *= d;
        var payload = new byte[length];
        for (int i = 0; i < length; i++) payload[i] = (byte)i;
        return Build(0x08, dimensions, payload);
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(raw);
        return output.ToArray();
    }

    /// <summary>A temporary directory removed on dispose, for tests that need real files.</summary>
    public sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cnncompiler-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Write(string name, byte[] bytes)
        {
            string path = System.IO.Path.Combine(Path, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
