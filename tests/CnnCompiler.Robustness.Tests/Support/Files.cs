using System.Text;

namespace CnnCompiler.Robustness.Tests.Support;

/// <summary>Damaged copies of files and rewritten safetensors files.</summary>
internal static class Files
{
    /// <summary>A copy of <paramref name="source"/> cut after <paramref name="length"/> bytes.</summary>
    public static string Truncated(string source, long length, string target)
    {
        byte[] bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(target, bytes.AsSpan(0, (int)length).ToArray());
        return target;
    }

    /// <summary>A copy of <paramref name="source"/> with the byte at <paramref name="offset"/> (from the end when negative) inverted.</summary>
    public static string Flipped(string source, long offset, string target)
    {
        byte[] bytes = File.ReadAllBytes(source);
        long index = offset < 0 ? bytes.Length + offset : offset;
        bytes[index] ^= 0xFF;
        File.WriteAllBytes(target, bytes);
        return target;
    }

    /// <summary>
    /// A copy of the safetensors file <paramref name="source"/> whose JSON header (without its padding) went through
    /// <paramref name="edit"/>; the 8-byte length is set to the edited header's and the data section is kept as it is.
    /// The checksum is not recomputed: this is damage, or an edit by hand.
    /// </summary>
    public static string HeaderEdited(string source, string target, Func<byte[], byte[]> edit)
    {
        byte[] bytes = File.ReadAllBytes(source);
        int length = (int)BitConverter.ToUInt64(bytes, 0);
        byte[] header = edit(bytes.AsSpan(8, length).TrimEnd((byte)' ').ToArray());
        File.WriteAllBytes(target, [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. bytes.AsSpan(8 + length)]);
        return target;
    }

    /// <summary><see cref="HeaderEdited(string, string, Func{byte[], byte[]})"/> with a text edit of the UTF-8 header.</summary>
    public static string HeaderEdited(string source, string target, Func<string, string> edit) =>
        HeaderEdited(source, target, header =>
        {
            string before = Encoding.UTF8.GetString(header);
            string after = edit(before);
            Assert.NotEqual(before, after);
            return Encoding.UTF8.GetBytes(after);
        });

    /// <summary>
    /// Rewrites a safetensors file: every metadata entry (through <paramref name="metadata"/>, which may change or drop
    /// it; the checksum is recomputed) and every tensor as F32 or I64 (through <paramref name="tensor"/>, which may
    /// change its values or drop it).
    /// </summary>
    public static string Rewritten(
        string source, string target, Func<string, string, string?>? metadata = null, Func<string, float[], float[]?>? tensor = null)
    {
        SafeTensorsFile file = SafeTensors.Read(source);
        var writer = new SafeTensorsWriter();
        foreach (var (key, value) in file.Metadata)
        {
            if (key is SafeTensors.ChecksumKey or SafeTensors.ChecksumScopeKey) continue;
            string? kept = metadata is null ? value : metadata(key, value);
            if (kept is not null) writer.AddMetadata(key, kept);
        }
        foreach (SafeTensorInfo info in file.Tensors)
        {
            int[] shape = info.Shape.Select(d => (int)d).ToArray();
            if (info.DType == SafeTensorDType.I64)
            {
                var counts = new long[info.ElementCount];
                file.ReadInt64(info, counts);
                writer.AddInt64(info.Name, shape, counts);
                continue;
            }
            var values = new float[info.ElementCount];
            file.ReadFloats(info, values);
            float[]? kept = tensor is null ? values : tensor(info.Name, values);
            if (kept is not null) writer.AddFloats(info.Name, kept.Length == values.Length ? shape : [kept.Length], kept);
        }
        writer.Save(target);
        return target;
    }
}
