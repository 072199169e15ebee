namespace CnnCompiler;

/// <summary>The element types of the safetensors format, by the names its headers use (<c>"F32"</c>, <c>"I64"</c>, …).</summary>
public enum SafeTensorDType
{
    Bool,
    U8,
    I8,
    F8E5M2,
    F8E4M3,
    I16,
    U16,
    F16,
    BF16,
    I32,
    U32,
    F32,
    F64,
    I64,
    U64,
}

/// <summary>Names, sizes and float convertibility of <see cref="SafeTensorDType"/>s.</summary>
public static class SafeTensorDTypes
{
    // One string per dtype, made once: readers name the dtype of every tensor of a header.
    private static readonly string[] Names = Enum.GetValues<SafeTensorDType>().Select(dtype => dtype switch
    {
        SafeTensorDType.Bool => "BOOL",
        SafeTensorDType.F8E5M2 => "F8_E5M2",
        SafeTensorDType.F8E4M3 => "F8_E4M3",
        _ => dtype.ToString(),
    }).ToArray();

    /// <summary>The header name of a dtype: <c>"F32"</c>, <c>"BF16"</c>, <c>"F8_E4M3"</c>, …</summary>
    public static string Name(this SafeTensorDType dtype) => (uint)dtype < (uint)Names.Length ? Names[(int)dtype] : dtype.ToString();

    /// <summary>Bytes per element.</summary>
    public static int Size(this SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.Bool or SafeTensorDType.U8 or SafeTensorDType.I8 or SafeTensorDType.F8E5M2 or SafeTensorDType.F8E4M3 => 1,
        SafeTensorDType.I16 or SafeTensorDType.U16 or SafeTensorDType.F16 or SafeTensorDType.BF16 => 2,
        SafeTensorDType.I32 or SafeTensorDType.U32 or SafeTensorDType.F32 => 4,
        _ => 8,
    };

    /// <summary>
    /// Whether <see cref="SafeTensorsFile.ReadFloats"/> converts this dtype to float: every float and integer type does
    /// (as PyTorch's <c>load_state_dict</c> copies across dtypes); booleans and 8-bit floats do not.
    /// </summary>
    public static bool ConvertsToFloat(this SafeTensorDType dtype) =>
        dtype is not (SafeTensorDType.Bool or SafeTensorDType.F8E5M2 or SafeTensorDType.F8E4M3);

    /// <summary>Parses a header dtype name; false for names the format does not define (or that this reader does not know).</summary>
    public static bool TryParse(string name, out SafeTensorDType dtype)
    {
        foreach (SafeTensorDType candidate in Enum.GetValues<SafeTensorDType>())
        {
            if (candidate.Name() == name)
            {
                dtype = candidate;
                return true;
            }
        }
        dtype = default;
        return false;
    }
}
