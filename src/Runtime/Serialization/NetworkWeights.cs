namespace CnnCompiler;

/// <summary>
/// Saves and loads a network's weights (<see cref="INetwork.Parameters"/> and <see cref="INetwork.State"/>) as a
/// safetensors file with PyTorch's state_dict names and shapes, which <c>safetensors.torch.load_file</c> reads straight
/// into <c>model.load_state_dict</c>. Floats are F32; BatchNorm's <c>num_batches_tracked</c> is I64, as in PyTorch.
/// </summary>
public static class NetworkWeights
{
    /// <summary>The metadata key recording the network type that wrote a file (informational).</summary>
    public const string NetworkKey = "cnncompiler.network";

    /// <summary>
    /// Writes every named tensor of <paramref name="network"/> to <paramref name="path"/>, atomically (a temporary file
    /// in the same folder, flushed, then moved over the target), with a SHA-256 of the data in the metadata.
    /// </summary>
    public static void SaveWeights(this INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var writer = new SafeTensorsWriter();
        writer.AddMetadata("format", "pt");
        writer.AddMetadata(NetworkKey, network.GetType().Name);
        NetworkTensors.AddTo(writer, network);
        writer.Save(path);
    }

    /// <summary>
    /// Loads weights written by <see cref="SaveWeights"/> or by PyTorch (<c>safetensors.torch.save_file(model.state_dict())</c>).
    /// By default every network tensor must be in the file with its shape and the file may hold nothing else;
    /// <paramref name="options"/> renames file tensors, names the network tensors that may keep their values, and lets
    /// file tensors the network lacks be skipped (see <see cref="LoadOptions"/>). All problems are reported together in
    /// one <see cref="InvalidDataException"/>, as are corrupt or truncated files and BatchNorm statistics no network can
    /// hold (a negative variance); the network is left unchanged on any error.
    /// </summary>
    public static WeightLoadReport LoadWeights(this INetwork network, string path, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        (options ?? new LoadOptions()).Validate();
        SafeTensorsFile file = SafeTensors.Read(path);
        var staging = WeightStaging.Prepare(network, file, options ?? new LoadOptions());
        staging.Commit(network);
        return staging.Report;
    }
}
