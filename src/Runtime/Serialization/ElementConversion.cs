using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace CnnCompiler;

/// <summary>Little-endian element bytes to float and back, for every dtype that converts.</summary>
internal static class ElementConversion
{
    public static void ToFloats(SafeTensorDType dtype, ReadOnlySpan<byte> bytes, Span<float> destination)
    {
        if (dtype == SafeTensorDType.F32 && BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(destination);
            return;
        }
        int size = dtype.Size();
        for (int i = 0; i < destination.Length; i++)
        {
            ReadOnlySpan<byte> e = bytes.Slice(i * size, size);
            destination[i] = dtype switch
            {
                SafeTensorDType.F32 => BinaryPrimitives.ReadSingleLittleEndian(e),
                SafeTensorDType.F64 => (float)BinaryPrimitives.ReadDoubleLittleEndian(e),
                SafeTensorDType.F16 => (float)BinaryPrimitives.ReadHalfLittleEndian(e),
                SafeTensorDType.BF16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(e) << 16),
                SafeTensorDType.U8 => e[0],
                SafeTensorDType.I8 => (sbyte)e[0],
                SafeTensorDType.I16 => BinaryPrimitives.ReadInt16LittleEndian(e),
                SafeTensorDType.U16 => BinaryPrimitives.ReadUInt16LittleEndian(e),
                SafeTensorDType.I32 => BinaryPrimitives.ReadInt32LittleEndian(e),
                SafeTensorDType.U32 => BinaryPrimitives.ReadUInt32LittleEndian(e),
                SafeTensorDType.I64 => BinaryPrimitives.ReadInt64LittleEndian(e),
                SafeTensorDType.U64 => BinaryPrimitives.ReadUInt64LittleEndian(e),
                _ => throw new InvalidOperationException($"Dtype {dtype.Name()} does not convert to float."),
            };
        }
    }

    public static byte[] FromFloats(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        if (BitConverter.IsLittleEndian) MemoryMarshal.AsBytes(values).CopyTo(bytes);
        else for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }

    public static byte[] FromInt64(ReadOnlySpan<long> values)
    {
        var bytes = new byte[values.Length * sizeof(long)];
        if (BitConverter.IsLittleEndian) MemoryMarshal.AsBytes(values).CopyTo(bytes);
        else for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * i), values[i]);
        return bytes;
    }
}
