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
        var entries = metadata
            .Where(e => e.Key != SafeTensors.ChecksumKey)
            .Select(e => (Key: Encoding.UTF8.GetBytes(e.Key), Value: Encoding.UTF8.GetBytes(e.Value)))
            .ToList();
        entries.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        AppendNumber(hash, entries.Count);
        foreach (var (key, value) in entries)
        {
            AppendBytes(hash, key);
            AppendBytes(hash, value);
        }

        var named = tensors.Select(t => (Name: Encoding.UTF8.GetBytes(t.Name), Tensor: t)).ToList();
        named.Sort((a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        AppendNumber(hash, named.Count);
        foreach (var (name, tensor) in named)
        {
            AppendBytes(hash, name);
            AppendBytes(hash, Encoding.UTF8.GetBytes(tensor.DType.Name()));
            AppendNumber(hash, tensor.Shape.Length);
            foreach (long dim in tensor.Shape) AppendNumber(hash, dim);
            AppendNumber(hash, tensor.Begin);
            AppendNumber(hash, tensor.End);
        }
    }

    private static void AppendBytes(IncrementalHash hash, byte[] bytes)
    {
        AppendNumber(hash, bytes.Length);
        hash.AppendData(bytes);
    }

    private static void AppendNumber(IncrementalHash hash, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)value);
        hash.AppendData(bytes);
    }
}
