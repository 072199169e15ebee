namespace CnnCompiler;

/// <summary>Where a named tensor lives: in the trainable <see cref="INetwork.Parameters"/> or the non-trainable <see cref="INetwork.State"/>.</summary>
public enum TensorStore
{
    Parameters,
    State,
}

/// <summary>
/// One named tensor of a network, as PyTorch's <c>state_dict</c> names and shapes it (<c>conv1.weight</c> is
/// out×in×kh×kw, <c>dense1.weight</c> out×in, <c>bn1.running_mean</c> C), and where its values are.
/// </summary>
/// <param name="Name">The state_dict key: layer name, a dot, the tensor's role.</param>
/// <param name="Layer">The layer's name.</param>
/// <param name="Store">Which span holds the values.</param>
/// <param name="Offset">The first value's index in that span.</param>
/// <param name="Shape">The tensor's shape (row-major).</param>
public sealed record TensorInfo(string Name, string Layer, TensorStore Store, int Offset, int[] Shape)
{
    /// <summary>Values in the tensor.</summary>
    public int Length
    {
        get
        {
            int length = 1;
            foreach (int dim in Shape) length *= dim;
            return length;
        }
    }

    /// <summary>The tensor's values inside a network.</summary>
    public Span<float> Values(INetwork network) => (Store == TensorStore.Parameters ? network.Parameters : network.State).Slice(Offset, Length);
}
