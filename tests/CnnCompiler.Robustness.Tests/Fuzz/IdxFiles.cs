using System.Buffers.Binary;
using System.IO.Compression;

namespace CnnCompiler.Robustness.Tests.Fuzz;

/// <summary>IDX files built from the format's definition, and an independent decoder of raw ones: the oracle for mutants the format cannot detect.</summary>
internal static class IdxFiles
{
    /// <summary>An IDX file of <paramref name="type"/> with the dimensions and a payload of pseudo-random bytes.</summary>
    public static byte[] Build(byte type, int[] dimensions, ulong seed)
    {
        long elements = dimensions.Aggregate(1L, (a, d) => a * d);
        int size = type switch { 0x08 or 0x09 => 1, 0x0B => 2, 0x0C or 0x0D => 4, _ => 8 };
        var bytes = new byte[4 + 4 * dimensions.Length + elements * size];
        bytes[2] = type;
        bytes[3] = (byte)dimensions.Length;
        for (int i = 0; i < dimensions.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dimensions[i]);
        var random = new SeededRandom(seed);
        for (int i = 4 + 4 * dimensions.Length; i < bytes.Length; i++) bytes[i] = (byte)random.NextInt(256);
        return bytes;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(raw);
        return output.ToArray();
    }

    /// <summary>
    /// What a raw IDX file holds by the format's definition: two zero bytes, a known type code, rank 1–4, dimensions of
    /// 1 to 2^31 − 1, and exactly the payload they need (one array at most); null for anything else.
    /// </summary>
    public static (byte Type, int[] Dimensions, byte[] Data)? Decode(byte[] file)
    {
        if (file.Length < 4 || file[0] != 0 || file[1] != 0) return null;
        byte type = file[2];
        int size = type switch { 0x08 or 0x09 => 1, 0x0B => 2, 0x0C or 0x0D => 4, 0x0E => 8, _ => 0 };
        int rank = file[3];
        if (size == 0 || rank is < 1 or > 4 || file.Length < 4 + 4 * rank) return null;
        var dimensions = new int[rank];
        long payload = size;
        for (int i = 0; i < rank; i++)
        {
            uint d = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(4 + 4 * i));
            if (d is 0 or > int.MaxValue) return null;
            dimensions[i] = (int)d;
            payload *= d;
            if (payload > Array.MaxLength) return null;
        }
        return file.Length - 4 - 4 * rank == payload ? (type, dimensions, file[(4 + 4 * rank)..]) : null;
    }
}

/// <summary>
/// Mutations of IDX files: of the header (type code, rank, a dimension set to 0, ±1, a huge value or one claiming
/// gigabytes) and of bytes anywhere (flips, truncation, insertion, garbage after the data).
/// </summary>
internal sealed class IdxMutations(byte[] pristine)
{
    private static readonly byte[] Types = [0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E, 0x00, 0x07, 0x0A, 0x0F, 0xFF];
    private static readonly uint[] Dimensions = [0, 1, 2, 27, 29, 46_340, 1_000_000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF];

    public Mutant Next(SeededRandom random) => Mutate(random, random.NextInt(4));

    /// <summary>A mutation of the header alone (type code, rank or a dimension), which no checksum of the data would see.</summary>
    public Mutant NextInHeader(SeededRandom random) => Mutate(random, random.NextInt(3));

    private Mutant Mutate(SeededRandom random, int kind)
    {
        int rank = pristine[3];
        byte[] bytes = (byte[])pristine.Clone();
        switch (kind)
        {
            case 0:
                bytes[2] = Types[random.NextInt(Types.Length)];
                return new Mutant("type code", $"0x{bytes[2]:X2}", bytes);
            case 1:
                bytes[3] = (byte)random.NextInt(7);
                return new Mutant("rank", $"{rank} → {bytes[3]}", bytes);
            case 2:
                int which = random.NextInt(rank);
                uint old = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 + 4 * which));
                uint value = random.NextInt(3) == 0 ? old + (uint)(random.NextInt(3) - 1) : Dimensions[random.NextInt(Dimensions.Length)];
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * which), value);
                return new Mutant("dimension", $"{which}: {old} → {value}", bytes);
            default:
                return ByteMutations.Any(pristine, random);
        }
    }
}

/// <summary>
/// Mutations of a gzip file (RFC 1952): bytes anywhere, and aimed at what GZipStream alone lets pass: the 8-byte
/// trailer cut or flipped, garbage or another member after the last one, header flags. Harmless ones (another, empty
/// member; the modification time) must read as the pristine file does.
/// </summary>
internal sealed class GzipMutations(byte[] pristine)
{
    private static readonly byte[] EmptyMember = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

    public Mutant Next(SeededRandom random)
    {
        byte[] bytes = (byte[])pristine.Clone();
        switch (random.NextInt(8))
        {
            case 0:
                int cut = 1 + random.NextInt(8);
                return new Mutant("trailer cut", $"{cut} bytes", pristine[..^cut]);
            case 1:
                int at = pristine.Length - 1 - random.NextInt(8);
                bytes[at] ^= (byte)(1 << random.NextInt(8));
                return new Mutant("trailer flip", $"at {at}", bytes);
            case 2:
                return new Mutant("empty member after", "harmless", [.. pristine, .. EmptyMember]);
            case 3:
                return new Mutant("member with data after", "trailing data", [.. pristine, .. IdxFiles.Gzip([1, 2, 3])]);
            case 4:
                bytes[3] = (byte)(random.NextInt(2) == 0 ? 0x01 : 1 << random.NextInt(8));
                return new Mutant("header flags", $"0x{bytes[3]:X2}", bytes);
            case 5:
                bytes[4 + random.NextInt(4)] ^= 0x5A;
                return new Mutant("modification time", "harmless", bytes);
            default:
                return ByteMutations.Any(pristine, random);
        }
    }
}
