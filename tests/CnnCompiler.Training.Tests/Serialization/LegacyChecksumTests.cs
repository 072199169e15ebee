using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CnnCompiler.Training.Tests.Serialization;

/// <summary>
/// Files written before the checksum covered the header: no 'cnncompiler.sha256_scope', and a 'cnncompiler.sha256' of
/// the data section alone. They still load, with that checksum checked.
/// </summary>
public sealed partial class LegacyChecksumTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>A weight file as the earlier writer made it: the scope entry removed, the checksum of the data alone.</summary>
    private string LegacyFile(TinyNet network)
    {
        string path = _directory.File("legacy.safetensors");
        network.SaveWeights(path);
        byte[] bytes = File.ReadAllBytes(path);
        int length = (int)BitConverter.ToUInt64(bytes, 0);
        byte[] data = bytes[(8 + length)..];
        string header = Encoding.UTF8.GetString(bytes, 8, length);
        header = header.Replace(",\"cnncompiler.sha256_scope\":\"header+data\"", "");
        header = Sha256Value().Replace(header, $"\"cnncompiler.sha256\":\"{Convert.ToHexStringLower(SHA256.HashData(data))}\"");
        byte[] headerBytes = Encoding.UTF8.GetBytes(header);
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)headerBytes.Length), .. headerBytes, .. data]);
        return path;
    }

    [Fact]
    public void LegacyFileLoadsWithItsDataChecksumChecked()
    {
        TinyNet source = TrainedNetworks.Tiny(seed: 1);
        string path = LegacyFile(source);
        Assert.DoesNotContain(SafeTensors.ChecksumScopeKey, File.ReadAllText(path));

        var loaded = new TinyNet(seed: 2);
        loaded.LoadWeights(path);
        Bits.EqualWeights(source, loaded);

        byte[] bytes = File.ReadAllBytes(path);
        bytes[^3] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var target = new TinyNet(seed: 3);
        var before = Bits.Snapshot(target);
        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeights(path));
        Assert.Contains("SHA-256 of its data section", error.Message);
        Bits.Unchanged(before, target);
    }

    [GeneratedRegex("\"cnncompiler\\.sha256\":\"[0-9a-f]{64}\"")]
    private static partial Regex Sha256Value();
}
