namespace CnnCompiler;

/// <summary>One tensor of a safetensors file as its header describes it.</summary>
/// <param name="Name">The tensor's key (a PyTorch state_dict name for weight files).</param>
/// <param name="DType">The element type of its stored bytes.</param>
/// <param name="Shape">Its shape, row-major; empty for a scalar.</param>
/// <param name="Begin">The first byte of its data, relative to the start of the data section.</param>
/// <param name="End">One past its last byte, relative to the start of the data section.</param>
public sealed record SafeTensorInfo(string Name, SafeTensorDType DType, long[] Shape, long Begin, long End)
{
    /// <summary>Elements in the tensor: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (long dim in Shape) count = checked(count * dim);
            return count;
        }
    }

    /// <summary>Whether the shape equals <paramref name="shape"/> dimension for dimension.</summary>
    public bool HasShape(ReadOnlySpan<int> shape)
    {
        if (shape.Length != Shape.Length) return false;
        for (int i = 0; i < shape.Length; i++)
        {
            if (Shape[i] != shape[i]) return false;
        }
        return true;
    }

    /// <summary>The shape as error messages write it: "6×1×5×5", or "(scalar)".</summary>
    public string ShapeText => Shape.Length == 0 ? "(scalar)" : string.Join("×", Shape);
}
