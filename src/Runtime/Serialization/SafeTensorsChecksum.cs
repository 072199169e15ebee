using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CnnCompiler;

/// <summary>
/// The checksum CnnCompiler records in every safetensors file it writes, and the rule for which files must carry one.
/// <para>
/// <see cref="SafeTensors.ChecksumKey"/> holds the lower-case hex SHA-256 of the canonical header followed by the data
/// section. The canonical header is, with every integer an unsigned 64-bit little-endian number and every string its
/// UTF-8 bytes preceded by their count: the number of metadata entries other than the checksum itself, then each as
/// key and value, sorted by the keys' UTF-8 bytes; then the number of tensors, then each as name, dtype name, rank,
/// the dimensions, and the begin and end of its data_offsets, sorted by the names' UTF-8 bytes. So every name, dtype,
/// shape, offset and metadata value is covered, while the JSON's spacing and key order (which change nothing read) are not.
/// </para>
/// <para>
/// A file is CnnCompiler's when any metadata key begins with <c>cnncompiler</c> (in any letter case). Such a file
/// without the checksum is damaged; a file without such keys (PyTorch's) has nothing to check. Every file the writer
/// makes carries at least two such keys (the checksum and <see cref="SafeTensors.ChecksumScopeKey"/>), so no single
/// damaged byte makes one look foreign. A CnnCompiler file without <see cref="SafeTensors.ChecksumScopeKey"/> was
/// written before the checksum covered the header: its checksum is of the data section alone and is checked as such.
/// </para>
/// </summary>
internal static class SafeTensorsChecksum
{
    public enum Scope
    {
        /// <summary>Not a CnnCompiler file: nothing to check.</summary>
        None,

        /// <summary>An earlier CnnCompiler file: the SHA-256 of the data section.</summary>
        Data,

        /// <summary>The SHA-256 of the canonical header and the data section.</summary>
        HeaderAndData,
    }

    private const string OwnKeyPrefix = "cnncompiler";

    /// <summary>What the file's checksum covers; an <see cref="InvalidDataException"/> for a CnnCompiler file that lacks one.</summary>
    public static Scope ScopeOf(IReadOnlyDictionary<string, string> metadata, string source)
    {
        string? own = metadata.Keys.FirstOrDefault(k => k.StartsWith(OwnKeyPrefix, StringComparison.OrdinalIgnoreCase));
        if (own is null) return Scope.None;
        if (!metadata.ContainsKey(SafeTensors.ChecksumKey))
            throw new InvalidDataException(
                $"{source} is damaged: its metadata holds CnnCompiler's entries (such as '{Excerpt.Of(own)}') but not the checksum " +
                $"'{SafeTensors.ChecksumKey}' that CnnCompiler writes into every file. (A file written by another tool must not carry 'cnncompiler' metadata.)");
        if (!metadata.TryGetValue(SafeTensors.ChecksumScopeKey, out string? scope)) return Scope.Data;
        if (scope == SafeTensors.ChecksumScope) return Scope.HeaderAndData;
        throw new InvalidDataException(
            $"{source} is damaged: its '{SafeTensors.ChecksumScopeKey}' is '{Excerpt.Of(scope)}'; CnnCompiler writes '{SafeTensors.ChecksumScope}'.");
    }

    /// <summary>A SHA-256 primed with what precedes the data section under <paramref name="scope"/>; append the data, then <see cref="Check"/>.</summary>
    public static IncrementalHash Begin(Scope scope, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<SafeTensorInfo> tensors)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (scope == Scope.HeaderAndData) AppendCanonicalHeader(hash, metadata, tensors);
        return hash;
    }

    /// <summary>Compares the hash of the whole file with the one recorded; an <see cref="InvalidDataException"/> naming both if they differ.</summary>
    public static void Check(IncrementalHash hash, Scope scope, IReadOnlyDictionary<string, string> metadata, string source)
    {
        string actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        string recorded = metadata[SafeTensors.ChecksumKey];
        if (string.Equals(recorded, actual, StringComparison.OrdinalIgnoreCase)) return;
        throw new InvalidDataException(scope == Scope.HeaderAndData
            ? $"{source} is corrupt: the SHA-256 of its header and data is {actual} but its metadata records {Excerpt.Of(recorded)}."
            : $"{source} is corrupt: the SHA-256 of its data section is {actual} but its metadata records {Excerpt.Of(recorded)} " +
              $"(without '{SafeTensors.ChecksumScopeKey}' the checksum is read as one of the data section alone, as CnnCompiler wrote it before covering the header).");
    }

    /// <summary>The checksum of a file with this header and data, as the writer records it.</summary>
    public static string Compute(IReadOnlyDictionary<string, string> metadata, IReadOnlyList<SafeTensorInfo> tensors, IEnumerable<byte[]> data)
    {
        using IncrementalHash hash = Begin(Scope.HeaderAndData, metadata, tensors);
        foreach (byte[] part in data) hash.AppendData(part);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AppendCanonicalHeader(IncrementalHash hash, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<SafeTensorInfo> tensors)
    {
        // Sorted and encoded without a copy per entry: a header of many small tensors costs little more than its entries.
        var keys = metadata.Keys.Where(k => k != SafeTensors.ChecksumKey).ToArray();
        Array.Sort(keys, Utf8Order.Instance);
        byte[] scratch = ArrayPool<byte>.Shared.Rent(256);
        try
        {
            AppendNumber(hash, keys.Length);
            foreach (string key in keys)
            {
                AppendText(hash, key, ref scratch);
                AppendText(hash, metadata[key], ref scratch);
            }
            var sorted = tensors.ToArray();
            Array.Sort(sorted, (a, b) => Utf8Order.Instance.Compare(a.Name, b.Name));
            AppendNumber(hash, sorted.Length);
            foreach (SafeTensorInfo tensor in sorted)
            {
                AppendText(hash, tensor.Name, ref scratch);
                AppendText(hash, tensor.DType.Name(), ref scratch);
                AppendNumber(hash, tensor.Shape.Length);
                foreach (long dim in tensor.Shape) AppendNumber(hash, dim);
                AppendNumber(hash, tensor.Begin);
                AppendNumber(hash, tensor.End);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static void AppendText(IncrementalHash hash, string text, ref byte[] scratch)
    {
        int length = Encoding.UTF8.GetByteCount(text);
        if (length > scratch.Length)
        {
            ArrayPool<byte>.Shared.Return(scratch);
            scratch = ArrayPool<byte>.Shared.Rent(length);
        }
        Encoding.UTF8.GetBytes(text, scratch);
        AppendNumber(hash, length);
        hash.AppendData(scratch, 0, length);
    }

    private static void AppendNumber(IncrementalHash hash, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)value);
        hash.AppendData(bytes);
    }

    /// <summary>Strings in the order of their UTF-8 bytes, which is the order of their code points (not of their UTF-16 units).</summary>
    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y)
        {
            ReadOnlySpan<char> a = x, b = y;
            while (a.Length > 0 && b.Length > 0)
            {
                Rune.DecodeFromUtf16(a, out Rune ra, out int na);
                Rune.DecodeFromUtf16(b, out Rune rb, out int nb);
                if (ra != rb) return ra.Value.CompareTo(rb.Value);
                a = a[na..];
                b = b[nb..];
            }
            return a.Length.CompareTo(b.Length);
        }
    }
}
