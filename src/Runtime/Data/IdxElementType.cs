namespace CnnCompiler;

/// <summary>The element type codes of the IDX format (the third byte of the header).</summary>
public enum IdxElementType : byte
{
    UnsignedByte = 0x08,
    SignedByte = 0x09,
    Int16 = 0x0B,
    Int32 = 0x0C,
    Single = 0x0D,
    Double = 0x0E,
}

/// <summary>Sizes and names of <see cref="IdxElementType"/> values.</summary>
public static class IdxElementTypes
{
    /// <summary>Whether <paramref name="code"/> is one of the six type codes the IDX format defines.</summary>
    public static bool IsDefined(byte code) => code is 0x08 or 0x09 or 0x0B or 0x0C or 0x0D or 0x0E;

    /// <summary>Bytes per element in the file (multi-byte types are big-endian).</summary>
    public static int SizeInBytes(this IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte or IdxElementType.SignedByte => 1,
        IdxElementType.Int16 => 2,
        IdxElementType.Int32 or IdxElementType.Single => 4,
        IdxElementType.Double => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an IDX element type."),
    };

    /// <summary>Whether the type holds integers (and so can be read as labels).</summary>
    public static bool IsInteger(this IdxElementType type) => type is not (IdxElementType.Single or IdxElementType.Double);

    /// <summary>A short lower-case name for messages, such as "unsigned byte".</summary>
    public static string DisplayName(this IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte => "unsigned byte",
        IdxElementType.SignedByte => "signed byte",
        IdxElementType.Int16 => "int16",
        IdxElementType.Int32 => "int32",
        IdxElementType.Single => "float32",
        IdxElementType.Double => "float64",
        _ => $"type 0x{(byte)type:X2}",
    };
}
