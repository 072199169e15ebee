using System.Buffers.Binary;

namespace CnnCompiler;

/// <summary>
/// The CRC-32 of PNG chunks and gzip members (ISO 3309 / ITU-T V.42, polynomial 0xEDB88320, reflected), eight bytes
/// per step with eight tables ("slicing by 8"): gzip checks run over tens of megabytes.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Tables = BuildTables();

    /// <summary>The CRC of <paramref name="data"/>, continuing from <paramref name="crc"/> (the result of an earlier call; 0 to start).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<uint> t = Tables;
        uint c = ~crc;
        while (data.Length >= 8)
        {
            uint low = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ c;
            uint high = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            c = t[7 * 256 + (int)(low & 0xFF)] ^ t[6 * 256 + (int)((low >> 8) & 0xFF)]
              ^ t[5 * 256 + (int)((low >> 16) & 0xFF)] ^ t[4 * 256 + (int)(low >> 24)]
              ^ t[3 * 256 + (int)(high & 0xFF)] ^ t[2 * 256 + (int)((high >> 8) & 0xFF)]
              ^ t[1 * 256 + (int)((high >> 16) & 0xFF)] ^ t[(int)(high >> 24)];
            data = data[8..];
        }
        foreach (byte b in data) c = t[(int)((c ^ b) & 0xFF)] ^ (c >> 8);
        return ~c;
    }

    // Table k holds the CRC of a byte followed by k zero bytes.
    private static uint[] BuildTables()
    {
        var tables = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            tables[n] = c;
        }
        for (int k = 1; k < 8; k++)
        {
            for (int n = 0; n < 256; n++)
            {
                uint previous = tables[(k - 1) * 256 + n];
                tables[k * 256 + n] = tables[previous & 0xFF] ^ (previous >> 8);
            }
        }
        return tables;
    }
}
