using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CnnCompiler.Training.Tests.Serialization;

/// <summary>The bytes SaveWeights writes, read back by hand against the format's definition rather than through the library.</summary>
public sealed class FileLayoutTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void SavedFileHasTheSafetensorsLayoutWithPyTorchNamesShapesAndDtypes()
    {
        TinyBatchNormNet network = TrainedNetworks.BatchNorm(steps: 2);
        string path = _directory.File("layout.safetensors");
        network.SaveWeights(path);
        byte[] file = File.ReadAllBytes(path);

        long headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0, (8 + headerLength) % 8); // data aligned to 8 bytes, as the reference writer pads it
        ReadOnlySpan<byte> data = file.AsSpan(8 + (int)headerLength);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, (int)headerLength).TrimEnd(' '));

        string[] expectedNames =
        [
            "conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked",
            "dense1.weight", "dense1.bias",
        ];
        Assert.Equal(expectedNames.Order(), header.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n != "__metadata__").Order());

        long end = 0;
        foreach (TensorInfo tensor in TinyBatchNormNet.Tensors)
        {
            JsonElement entry = header.RootElement.GetProperty(tensor.Name);
            Assert.Equal(tensor.Shape, entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
            long begin = entry.GetProperty("data_offsets")[0].GetInt64();
            long stop = entry.GetProperty("data_offsets")[1].GetInt64();
            ReadOnlySpan<byte> bytes = data[(int)begin..(int)stop];
            end = Math.Max(end, stop);
            if (tensor.Name == "bn1.num_batches_tracked")
            {
                Assert.Equal("I64", entry.GetProperty("dtype").GetString());
                Assert.Empty(tensor.Shape);
                Assert.Equal(2L, BinaryPrimitives.ReadInt64LittleEndian(bytes));
            }
            else
            {
                Assert.Equal("F32", entry.GetProperty("dtype").GetString());
                Assert.Equal(Bits.Of(tensor.Values(network)), Bits.Of(MemoryMarshal.Cast<byte, float>(bytes)));
            }
        }
        Assert.Equal(data.Length, end);

        JsonElement metadata = header.RootElement.GetProperty("__metadata__");
        Assert.Equal("pt", metadata.GetProperty("format").GetString());
        Assert.Equal(nameof(TinyBatchNormNet), metadata.GetProperty(NetworkWeights.NetworkKey).GetString());
        Assert.Equal(SafeTensors.ChecksumScope, metadata.GetProperty(SafeTensors.ChecksumScopeKey).GetString());
        Assert.Equal(DocumentedChecksum(header.RootElement, data), metadata.GetProperty(SafeTensors.ChecksumKey).GetString());
    }

    /// <summary>
    /// The checksum as SafeTensors.ChecksumKey documents it, computed here from the parsed JSON: SHA-256 of the canonical
    /// header (u64 little-endian counts and lengths, UTF-8 strings; metadata but the checksum sorted by key, then tensors
    /// sorted by name with dtype, rank, dimensions and offsets) followed by the data section.
    /// </summary>
    private static string DocumentedChecksum(JsonElement root, ReadOnlySpan<byte> data)
    {
        var canonical = new List<byte>();
        void Number(long value) => canonical.AddRange(BitConverter.GetBytes((ulong)value));
        void Text(string value)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(value);
            Number(bytes.Length);
            canonical.AddRange(bytes);
        }
        var metadata = root.GetProperty("__metadata__").EnumerateObject()
            .Where(p => p.Name != SafeTensors.ChecksumKey).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        Number(metadata.Count);
        foreach (JsonProperty entry in metadata)
        {
            Text(entry.Name);
            Text(entry.Value.GetString()!);
        }
        var tensors = root.EnumerateObject().Where(p => p.Name != "__metadata__").OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        Number(tensors.Count);
        foreach (JsonProperty tensor in tensors)
        {
            Text(tensor.Name);
            Text(tensor.Value.GetProperty("dtype").GetString()!);
            long[] shape = tensor.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            Number(shape.Length);
            foreach (long dim in shape) Number(dim);
            foreach (JsonElement offset in tensor.Value.GetProperty("data_offsets").EnumerateArray()) Number(offset.GetInt64());
        }
        canonical.AddRange(data.ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(canonical.ToArray()));
    }
}
