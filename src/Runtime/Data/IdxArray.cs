using System.Buffers.Binary;

namespace CnnCompiler;

/// <summary>
/// The contents of one IDX file: its element type, its dimensions (outermost first, so
/// <c>Dimensions[0]</c> counts items) and its payload bytes exactly as stored (big-endian).
/// </summary>
public sealed class IdxArray
{
    private readonly int[] _dimensions;

    /// <summary>Wraps a payload; its length must equal the product of the dimensions times the element size.</summary>
    public IdxArray(IdxElementType elementType, ReadOnlySpan<int> dimensions, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (dimensions.Length == 0) throw new ArgumentException("An IDX array needs at least one dimension; got none.", nameof(dimensions));
        long elements = 1;
        for (int i = 0; i < dimensions.Length; i++)
        {
            if (dimensions[i] <= 0)
                throw new ArgumentException($"Dimension {i} must be positive; got {dimensions[i]}.", nameof(dimensions));
            elements *= dimensions[i];
        }
        long expectedBytes = elements * elementType.SizeInBytes();
        if (data.Length != expectedBytes)
            throw new ArgumentException(
                $"Dimensions {ShapeText.Format(dimensions)} of {elementType.DisplayName()} need {ShapeText.Count(expectedBytes)} bytes; got {ShapeText.Count(data.Length)}.", nameof(data));
        ElementType = elementType;
        _dimensions = dimensions.ToArray();
        Data = data;
        ElementCount = checked((int)elements);
    }

    public IdxElementType ElementType { get; }

    /// <summary>The dimensions, outermost first.</summary>
    public ReadOnlySpan<int> Dimensions => _dimensions;

    /// <summary>The number of items: the outermost dimension.</summary>
    public int Count => _dimensions[0];

    /// <summary>The number of elements in the whole array.</summary>
    public int ElementCount { get; }

    /// <summary>The payload as stored in the file: one byte per element for bytes, big-endian otherwise.</summary>
    public byte[] Data { get; }

    /// <summary>
    /// Every element as a float divided by <paramref name="divisor"/>. A divisor of 255 maps unsigned bytes to [0, 1]
    /// with the same float32 division as torchvision's <c>ToTensor</c>, so inputs match PyTorch's bit for bit.
    /// </summary>
    public float[] ToSingleArray(float divisor = 1f)
    {
        if (!(divisor != 0f) || !float.IsFinite(divisor))
            throw new ArgumentOutOfRangeException(nameof(divisor), divisor, "The divisor must be finite and non-zero.");
        var result = new float[ElementCount];
        ReadOnlySpan<byte> data = Data;
        switch (ElementType)
        {
            case IdxElementType.UnsignedByte:
                for (int i = 0; i < result.Length; i++) result[i] = data[i] / divisor;
                break;
            case IdxElementType.SignedByte:
                for (int i = 0; i < result.Length; i++) result[i] = (sbyte)data[i] / divisor;
                break;
            case IdxElementType.Int16:
                for (int i = 0; i < result.Length; i++) result[i] = BinaryPrimitives.ReadInt16BigEndian(data[(2 * i)..]) / divisor;
                break;
            case IdxElementType.Int32:
                for (int i = 0; i < result.Length; i++) result[i] = (float)BinaryPrimitives.ReadInt32BigEndian(data[(4 * i)..]) / divisor;
                break;
            case IdxElementType.Single:
                for (int i = 0; i < result.Length; i++) result[i] = BinaryPrimitives.ReadSingleBigEndian(data[(4 * i)..]) / divisor;
                break;
            case IdxElementType.Double:
                for (int i = 0; i < result.Length; i++) result[i] = (float)(BinaryPrimitives.ReadDoubleBigEndian(data[(8 * i)..]) / divisor);
                break;
        }
        return result;
    }

    /// <summary>Every element as an int, for label files. Floating-point arrays are refused rather than rounded.</summary>
    public int[] ToInt32Array()
    {
        if (!ElementType.IsInteger())
            throw new InvalidOperationException($"An IDX array of {ElementType.DisplayName()} cannot be read as integers.");
        var result = new int[ElementCount];
        ReadOnlySpan<byte> data = Data;
        switch (ElementType)
        {
            case IdxElementType.UnsignedByte:
                for (int i = 0; i < result.Length; i++) result[i] = data[i];
                break;
            case IdxElementType.SignedByte:
                for (int i = 0; i < result.Length; i++) result[i] = (sbyte)data[i];
                break;
            case IdxElementType.Int16:
                for (int i = 0; i < result.Length; i++) result[i] = BinaryPrimitives.ReadInt16BigEndian(data[(2 * i)..]);
                break;
            case IdxElementType.Int32:
                for (int i = 0; i < result.Length; i++) result[i] = BinaryPrimitives.ReadInt32BigEndian(data[(4 * i)..]);
                break;
        }
        return result;
    }
}
