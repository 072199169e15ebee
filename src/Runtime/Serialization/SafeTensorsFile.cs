using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace CnnCompiler;

/// <summary>
/// A safetensors file read into memory: its tensors, its <c>__metadata__</c> strings and its data section. Reading checks
/// the whole layout (header length, JSON, dtypes, shapes against byte ranges, gaps, truncation) and, for a file
/// CnnCompiler wrote, the SHA-256 of its header and data; any problem is an <see cref="InvalidDataException"/> naming the file.
/// </summary>
public sealed class SafeTensorsFile
{
    private readonly byte[] _data;
    private readonly Dictionary<string, SafeTensorInfo> _byName;

    internal SafeTensorsFile(string source, List<SafeTensorInfo> tensors, Dictionary<string, string> metadata, byte[] data)
    {
        Source = source;
        Tensors = tensors;
        Metadata = metadata;
        _data = data;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The file's path (or the name given for a stream), as error messages cite it.</summary>
    public string Source { get; }

    /// <summary>Every tensor, in header order.</summary>
    public IReadOnlyList<SafeTensorInfo> Tensors { get; }

    /// <summary>The <c>__metadata__</c> strings (empty when the header has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor named <paramref name="name"/>, if the file has one.</summary>
    public bool TryGetTensor(string name, out SafeTensorInfo tensor) => _byName.TryGetValue(name, out tensor!);

    /// <summary>The tensor named <paramref name="name"/>; an <see cref="InvalidDataException"/> if the file lacks it.</summary>
    public SafeTensorInfo GetTensor(string name) =>
        _byName.TryGetValue(name, out SafeTensorInfo? tensor)
            ? tensor
            : throw new InvalidDataException($"{Source} has no tensor named '{name}'.");

    /// <summary>The raw little-endian bytes of <paramref name="tensor"/>.</summary>
    public ReadOnlySpan<byte> Bytes(SafeTensorInfo tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!_byName.TryGetValue(tensor.Name, out SafeTensorInfo? own) || !ReferenceEquals(own, tensor))
            throw new ArgumentException($"Tensor '{Excerpt.Of(tensor.Name)}' is not a tensor of {Source}.", nameof(tensor));
        return _data.AsSpan((int)tensor.Begin, (int)(tensor.End - tensor.Begin));
    }

    /// <summary>
    /// Converts <paramref name="tensor"/>'s values to float into <paramref name="destination"/> (exactly its element
    /// count): F32 as is; F64, F16 and BF16 rounded to the nearest float; integers by value. Booleans and 8-bit floats
    /// are an <see cref="InvalidDataException"/>.
    /// </summary>
    public void ReadFloats(SafeTensorInfo tensor, Span<float> destination)
    {
        ReadOnlySpan<byte> bytes = Bytes(tensor);
        if (destination.Length != tensor.ElementCount)
            throw new ArgumentException(
                $"Tensor '{Excerpt.Of(tensor.Name)}' of {Source} has {tensor.ElementCount} elements (shape {tensor.ShapeText}); the destination holds {destination.Length}.",
                nameof(destination));
        if (!tensor.DType.ConvertsToFloat())
            throw new InvalidDataException($"{Source}: tensor '{Excerpt.Of(tensor.Name)}' has dtype {tensor.DType.Name()}, which cannot be converted to float.");
        ElementConversion.ToFloats(tensor.DType, bytes, destination);
    }

    /// <summary>Reads <paramref name="tensor"/>'s values as 64-bit integers; only integer dtypes qualify.</summary>
    public void ReadInt64(SafeTensorInfo tensor, Span<long> destination)
    {
        ReadOnlySpan<byte> bytes = Bytes(tensor);
        if (destination.Length != tensor.ElementCount)
            throw new ArgumentException(
                $"Tensor '{Excerpt.Of(tensor.Name)}' of {Source} has {tensor.ElementCount} elements (shape {tensor.ShapeText}); the destination holds {destination.Length}.",
                nameof(destination));
        if (tensor.DType != SafeTensorDType.I64)
            throw new InvalidDataException($"{Source}: tensor '{Excerpt.Of(tensor.Name)}' has dtype {tensor.DType.Name()}; I64 is expected.");
        if (BitConverter.IsLittleEndian) MemoryMarshal.Cast<byte, long>(bytes).CopyTo(destination);
        else for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes.Slice(8 * i));
    }
}
