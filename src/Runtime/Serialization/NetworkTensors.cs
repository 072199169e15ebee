namespace CnnCompiler;

/// <summary>
/// A network's named tensors as files store them: F32, except BatchNorm's <c>num_batches_tracked</c>, which PyTorch keeps
/// as an I64 scalar (the network keeps it as a float in <see cref="INetwork.State"/>).
/// </summary>
internal static class NetworkTensors
{
    public const string CountRole = "num_batches_tracked";

    public static bool IsCount(TensorInfo tensor) => tensor.Name.EndsWith("." + CountRole, StringComparison.Ordinal);

    /// <summary>Adds every tensor of <paramref name="network"/> to <paramref name="writer"/>, in network order.</summary>
    public static void AddTo(SafeTensorsWriter writer, INetwork network)
    {
        foreach (TensorInfo tensor in network.Tensors)
        {
            ReadOnlySpan<float> values = tensor.Values(network);
            if (IsCount(tensor)) writer.AddInt64(tensor.Name, tensor.Shape, ToCounts(tensor, values));
            else writer.AddFloats(tensor.Name, tensor.Shape, values);
        }
    }

    private static long[] ToCounts(TensorInfo tensor, ReadOnlySpan<float> values)
    {
        var counts = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float value = values[i];
            if (!StateValues.IsCount(value))
                throw new InvalidOperationException($"The network's '{tensor.Name}' is {value}, which is not a count of batches; it cannot be saved as I64.");
            counts[i] = (long)value;
        }
        return counts;
    }
}
