namespace CnnCompiler;

/// <summary>Finds the weight tensor of a 1D or 2D convolution layer (out × in × [kh ×] kw) in a network's tensor table.</summary>
internal static class ConvolutionWeights
{
    /// <summary>The weights of the layer named <paramref name="layer"/>, or of the first 1D or 2D convolution when it is null.</summary>
    public static TensorInfo Find(INetwork network, string? layer)
    {
        if (layer is null)
        {
            foreach (TensorInfo tensor in network.Tensors)
            {
                if (IsConvolutionWeight(tensor)) return tensor;
            }
            throw new ArgumentException($"The network has no Conv1D or Conv2D layer (its layers: {LayerNames(network)}).", nameof(network));
        }

        foreach (TensorInfo tensor in network.Tensors)
        {
            if (tensor.Layer != layer || tensor.Name != layer + ".weight") continue;
            if (IsConvolutionWeight(tensor)) return tensor;
            throw new ArgumentException(
                $"{tensor.Name} has shape [{string.Join(", ", tensor.Shape)}]; filters are drawn for Conv1D and Conv2D layers (out × in × [kh ×] kw).",
                nameof(layer));
        }
        bool exists = network.LayerList.Any(l => l.Name == layer);
        throw new ArgumentException(
            exists
                ? $"Layer '{layer}' has no convolution weights; filters are drawn for Conv1D and Conv2D layers."
                : $"The network has no layer named '{layer}' (its layers: {LayerNames(network)}).",
            nameof(layer));
    }

    private static bool IsConvolutionWeight(TensorInfo tensor) =>
        tensor.Store == TensorStore.Parameters && tensor.Name == tensor.Layer + ".weight" && tensor.Shape.Length is 3 or 4;

    private static string LayerNames(INetwork network) => string.Join(", ", network.LayerList.Select(l => l.Name));
}
