using System.Buffers;
using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CnnCompiler;

/// <summary>
/// Collects tensors and metadata strings and writes them as one safetensors file: header length, JSON header (padded
/// with spaces so that the data starts on an 8-byte boundary, as the reference writer does), then the tensors back to
/// back in the order added. The metadata always gains <see cref="SafeTensors.ChecksumScopeKey"/> and
/// <see cref="SafeTensors.ChecksumKey"/>, the SHA-256 of the canonical header and the data (see <see cref="SafeTensors"/>).
/// </summary>
public sealed class SafeTensorsWriter
{
    private readonly List<(string Name, SafeTensorDType DType, long[] Shape, byte[] Data)> _tensors = [];
    private readonly List<KeyValuePair<string, string>> _metadata = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _metadataKeys = new(StringComparer.Ordinal);

    /// <summary>Adds a metadata string; keys are unique, and <see cref="SafeTensors.ChecksumKey"/> and <see cref="SafeTensors.ChecksumScopeKey"/> are reserved.</summary>
    public SafeTensorsWriter AddMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key is SafeTensors.ChecksumKey or SafeTensors.ChecksumScopeKey)
            throw new ArgumentException($"The metadata key '{key}' is reserved for the checksum the writer adds.", nameof(key));
        if (!_metadataKeys.Add(key)) throw new ArgumentException($"The metadata key '{key}' was already added.", nameof(key));
        _metadata.Add(new(key, value));
        return this;
    }

    /// <summary>Adds an F32 tensor (the values are copied).</summary>
    public SafeTensorsWriter AddFloats(string name, ReadOnlySpan<int> shape, ReadOnlySpan<float> values) =>
        Add(name, SafeTensorDType.F32, shape, values.Length, ElementConversion.FromFloats(values));

    /// <summary>Adds an I64 tensor (the values are copied).</summary>
    public SafeTensorsWriter AddInt64(string name, ReadOnlySpan<int> shape, ReadOnlySpan<long> values) =>
        Add(name, SafeTensorDType.I64, shape, values.Length, ElementConversion.FromInt64(values));

    /// <summary>
    /// Writes the file atomically: into a temporary file in the same folder, flushed to disk, then moved over
    /// <paramref name="path"/>, so a crash leaves either the old file or the new one, never a torn one.
    /// </summary>
    public void Save(string path) => AtomicFile.Write(path, WriteTo);

    /// <summary>Writes the file to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] header = Header();
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (var tensor in _tensors) stream.Write(tensor.Data);
    }

    private SafeTensorsWriter Add(string name, SafeTensorDType dtype, ReadOnlySpan<int> shape, int valueCount, byte[] data)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name == SafeTensorsHeader.MetadataKey) throw new ArgumentException($"'{SafeTensorsHeader.MetadataKey}' is not a valid tensor name.", nameof(name));
        if (shape.Length > SafeTensorsHeader.MaxRank)
            throw new ArgumentException($"Tensor '{name}' has {shape.Length} dimensions; readers accept at most {SafeTensorsHeader.MaxRank}.", nameof(shape));
        long elements = 1;
        var dims = new long[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0) throw new ArgumentException($"Tensor '{name}': dimension {i} of the shape is {shape[i]}; dimensions must be ≥ 0.", nameof(shape));
            dims[i] = shape[i];
            elements *= shape[i];
        }
        if (elements != valueCount)
            throw new ArgumentException(
                $"Tensor '{name}' of shape {ShapeText.Format(shape)} needs {elements} values; {valueCount} were given.", nameof(shape));
        if (!_names.Add(name)) throw new ArgumentException($"A tensor named '{name}' was already added.", nameof(name));
        _tensors.Add((name, dtype, dims, data));
        return this;
    }

    private byte[] Header()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in _metadata) metadata.Add(key, value);
        metadata.Add(SafeTensors.ChecksumScopeKey, SafeTensors.ChecksumScope);
        var tensors = new List<SafeTensorInfo>(_tensors.Count);
        long offset = 0;
        foreach (var (name, dtype, shape, data) in _tensors)
        {
            tensors.Add(new SafeTensorInfo(name, dtype, shape, offset, offset + data.Length));
            offset += data.Length;
        }
        string checksum = SafeTensorsChecksum.Compute(metadata, tensors, _tensors.Select(t => t.Data));

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject(SafeTensorsHeader.MetadataKey);
            foreach (var (key, value) in _metadata) json.WriteString(key, value);
            json.WriteString(SafeTensors.ChecksumScopeKey, SafeTensors.ChecksumScope);
            json.WriteString(SafeTensors.ChecksumKey, checksum);
            json.WriteEndObject();
            foreach (SafeTensorInfo tensor in tensors)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", tensor.DType.Name());
                json.WriteStartArray("shape");
                foreach (long dim in tensor.Shape) json.WriteNumberValue(dim);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(tensor.Begin);
                json.WriteNumberValue(tensor.End);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        int padded = (buffer.WrittenCount + 7) / 8 * 8;
        var header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }
}
