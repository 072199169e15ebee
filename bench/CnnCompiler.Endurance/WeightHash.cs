using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace CnnCompiler.Endurance;

internal static class WeightHash
{
    /// <summary>SHA-256 of the network's parameters and then its state (BatchNorm running statistics), as raw float bytes.</summary>
    public static string Of(INetwork network)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes((ReadOnlySpan<float>)network.Parameters));
        hash.AppendData(MemoryMarshal.AsBytes((ReadOnlySpan<float>)network.State));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
