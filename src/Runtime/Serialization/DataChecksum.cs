using System.Security.Cryptography;

namespace CnnCompiler;

/// <summary>The checksum recorded under <see cref="SafeTensors.ChecksumKey"/>: lower-case hex SHA-256 of the data section.</summary>
internal static class DataChecksum
{
    public static string Compute(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
